import JunctionRedis

/// The search index of a router on Redis, exactly RedisVL's
/// (`SemanticRouterIndexSchema.from_params(name, dims, "float32")`): a HASH
/// index named and prefixed by the router's name, with `reference_id` and
/// `route_name` TAG fields, a `reference` TEXT field and a FLAT COSINE
/// FLOAT32 `vector` field.
///
/// `FT.INFO` replies are read back into the same shape, so an existing index
/// can be compared with the one a router needs (RedisVL compares
/// `schema.to_dict()` the same way before reusing an index).
struct RedisRouterSchema: Sendable, Equatable {
    /// One indexed field, with the attributes `FT.INFO` reports.
    struct Field: Sendable, Equatable {
        var name: String
        /// `TAG`, `TEXT`, `VECTOR`, ...
        var type: String
        /// Every other attribute, upper-cased names (`SEPARATOR`, `WEIGHT`, `ALGORITHM`, `DATA_TYPE`, `DIM`, `DISTANCE_METRIC`).
        var attributes: [String: String]
        /// Flags such as `SORTABLE` or `NOSTEM`.
        var flags: [String]
    }

    /// `HASH` or `JSON`.
    var keyType: String
    var prefixes: [String]
    var fields: [Field]

    /// The schema of router `name` for `dimension`-wide vectors.
    static func router(name: String, dimension: Int) -> RedisRouterSchema {
        RedisRouterSchema(keyType: "HASH", prefixes: [name], fields: [
            Field(name: "reference_id", type: "TAG", attributes: ["SEPARATOR": ","], flags: []),
            Field(name: "route_name", type: "TAG", attributes: ["SEPARATOR": ","], flags: []),
            Field(name: "reference", type: "TEXT", attributes: ["WEIGHT": "1"], flags: []),
            Field(name: "vector", type: "VECTOR", attributes: [
                "ALGORITHM": "FLAT", "DATA_TYPE": "FLOAT32", "DIM": String(dimension), "DISTANCE_METRIC": "COSINE",
            ], flags: []),
        ])
    }

    /// RedisVL's `FT.CREATE` for router `name`, argument for argument (see
    /// `fixtures/redisvl/monitor.txt`).
    static func createCommand(name: String, dimension: Int) -> [RESPCommandArgument] {
        [
            "FT.CREATE", .string(name), "ON", "HASH", "PREFIX", "1", .string(name), "SCORE", "1.0",
            "SCHEMA",
            "reference_id", "TAG", "SEPARATOR", ",",
            "route_name", "TAG", "SEPARATOR", ",",
            "reference", "TEXT", "WEIGHT", "1",
            "vector", "VECTOR", "FLAT", "6", "TYPE", "FLOAT32", "DIM", .string(String(dimension)), "DISTANCE_METRIC", "COSINE",
        ]
    }

    /// The vector width of the index, when it has a `vector` field.
    var dimension: Int? {
        fields.first { $0.name == "vector" }?.attributes["DIM"].flatMap { Int($0) }
    }

    /// What differs from `expected`, in words ("vector DIM is 768, expected 384"); empty when equal.
    func differences(from expected: RedisRouterSchema) -> [String] {
        var found: [String] = []
        if keyType != expected.keyType { found.append("it indexes \(keyType) keys, expected \(expected.keyType)") }
        if prefixes != expected.prefixes {
            found.append("its key prefixes are \(prefixes.map { "'\($0)'" }.joined(separator: ", ")), expected '\(expected.prefixes.joined(separator: "', '"))'")
        }
        let mine = Dictionary(fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for field in expected.fields {
            guard let actual = mine[field.name] else {
                found.append("it has no \(field.name) field")
                continue
            }
            if actual.type != field.type {
                found.append("\(field.name) is \(actual.type), expected \(field.type)")
                continue
            }
            for (attribute, value) in field.attributes.sorted(by: { $0.key < $1.key }) where !Self.same(actual.attributes[attribute], value) {
                found.append("\(field.name) \(attribute) is \(actual.attributes[attribute] ?? "missing"), expected \(value)")
            }
            if !actual.flags.isEmpty { found.append("\(field.name) has flags \(actual.flags.joined(separator: " "))") }
        }
        let extra = fields.map(\.name).filter { name in !expected.fields.contains { $0.name == name } }
        if !extra.isEmpty { found.append("it has other fields (\(extra.joined(separator: ", ")))") }
        return found
    }

    /// Attribute values compare as numbers when both are (`1` and `1.0` for a weight).
    private static func same(_ actual: String?, _ expected: String) -> Bool {
        guard let actual else { return false }
        if let a = Double(actual), let b = Double(expected) { return a == b }
        return actual.uppercased() == expected.uppercased()
    }
}

extension RedisRouterSchema {
    /// Field attributes of `FT.INFO` that take a value (RESP2 sends them flat,
    /// with flags such as `SORTABLE` mixed in).
    private static let valuedAttributes: Set<String> = [
        "IDENTIFIER", "ATTRIBUTE", "TYPE", "SEPARATOR", "WEIGHT", "ALGORITHM", "DATA_TYPE", "DIM", "DISTANCE_METRIC",
        "M", "EF_CONSTRUCTION", "EF_RUNTIME", "EPSILON", "INITIAL_CAP", "BLOCK_SIZE", "PHONETIC",
        "COMPRESSION", "CONSTRUCTION_WINDOW_SIZE", "GRAPH_MAX_DEGREE", "SEARCH_WINDOW_SIZE", "TRAINING_THRESHOLD",
        "REDUCE", "LEANVEC_DIM",
    ]

    /// Reads the schema part of an `FT.INFO` reply (RESP2 flat arrays or RESP3 maps).
    init?(info: RESPValue) {
        guard let top = RedisReply.pairs(info) else { return nil }
        let definition = top.first { $0.key == "index_definition" }.flatMap { RedisReply.pairs($0.value) } ?? []
        keyType = definition.first { $0.key == "key_type" }.flatMap { RedisReply.text($0.value) } ?? "?"
        prefixes = definition.first { $0.key == "prefixes" }?.value.array?.compactMap(RedisReply.text) ?? []
        let attributes = top.first { $0.key == "attributes" }?.value.array ?? []
        fields = attributes.compactMap(Self.field(from:))
    }

    private static func field(from value: RESPValue) -> Field? {
        var attributes: [String: String] = [:]
        var flags: [String] = []
        if let pairs = value.map {
            for (key, item) in pairs {
                guard let name = RedisReply.text(key)?.uppercased() else { continue }
                if name == "FLAGS" {
                    flags = item.array?.compactMap(RedisReply.text) ?? []
                } else if let text = RedisReply.text(item) {
                    attributes[name] = text
                }
            }
        } else if let items = value.array {
            var index = 0
            while index < items.count {
                guard let name = RedisReply.text(items[index])?.uppercased() else { index += 1; continue }
                if valuedAttributes.contains(name), index + 1 < items.count, let text = RedisReply.text(items[index + 1]) {
                    attributes[name] = text
                    index += 2
                } else {
                    flags.append(name)
                    index += 1
                }
            }
        } else {
            return nil
        }
        guard let name = attributes.removeValue(forKey: "ATTRIBUTE") ?? attributes["IDENTIFIER"],
              let type = attributes.removeValue(forKey: "TYPE")
        else { return nil }
        attributes.removeValue(forKey: "IDENTIFIER")
        return Field(name: name, type: type.uppercased(), attributes: attributes, flags: flags)
    }
}
