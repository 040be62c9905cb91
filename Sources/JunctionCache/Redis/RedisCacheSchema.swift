import JunctionRedis

/// The search index of a semantic cache as `FT.INFO` describes it, compared with the one a cache needs
/// (RedisVL compares `schema.to_dict()` the same way before reusing an index).
struct RedisCacheSchema: Sendable, Equatable {
    /// One indexed field and the attributes `FT.INFO` reports for it.
    struct Field: Sendable, Equatable {
        /// The field's name (its attribute name in queries).
        var name: String
        /// `TAG`, `TEXT`, `NUMERIC`, `VECTOR`, ...
        var type: String
        /// Valued attributes, names upper-cased (`SEPARATOR`, `WEIGHT`, `ALGORITHM`, `DATA_TYPE`, `DIM`, ...).
        var attributes: [String: String]
        /// Flags such as `SORTABLE` or `NOSTEM`.
        var flags: [String]
    }

    /// `HASH` or `JSON`.
    var keyType: String
    /// The key prefixes the index covers.
    var prefixes: [String]
    /// The indexed fields, in `FT.INFO` order.
    var fields: [Field]

    /// The schema RedisVL's `SemanticCache` creates for `layout`.
    static func expected(for layout: RedisCacheLayout) -> RedisCacheSchema {
        var fields = [
            Field(name: "prompt", type: "TEXT", attributes: ["WEIGHT": "1"], flags: []),
            Field(name: "response", type: "TEXT", attributes: ["WEIGHT": "1"], flags: []),
            Field(name: "inserted_at", type: "NUMERIC", attributes: [:], flags: []),
            Field(name: "updated_at", type: "NUMERIC", attributes: [:], flags: []),
            Field(name: "prompt_vector", type: "VECTOR", attributes: [
                "ALGORITHM": "FLAT", "DATA_TYPE": "FLOAT32", "DIM": String(layout.dimension), "DISTANCE_METRIC": "COSINE",
            ], flags: []),
        ]
        fields += layout.filterableFields.map { Field(name: $0, type: "TAG", attributes: ["SEPARATOR": ","], flags: []) }
        return RedisCacheSchema(keyType: "HASH", prefixes: [layout.name], fields: fields)
    }

    /// What differs from `expected`, in words ("prompt_vector DIM is 768, expected 384"); empty when the
    /// index is the expected one (field order aside).
    func differences(from expected: RedisCacheSchema) -> [String] {
        var found: [String] = []
        if keyType.uppercased() != expected.keyType { found.append("it indexes \(keyType) keys, expected \(expected.keyType)") }
        if prefixes != expected.prefixes {
            let actual = prefixes.map { "'\($0)'" }.joined(separator: ", ")
            found.append("its key prefixes are \(actual.isEmpty ? "none" : actual), expected '\(expected.prefixes.joined(separator: "', '"))'")
        }
        let mine = Dictionary(fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var missingTags: [String] = []
        for field in expected.fields {
            guard let actual = mine[field.name] else {
                if field.type == "TAG" { missingTags.append(field.name) } else { found.append("it has no \(field.name) field") }
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
        if !missingTags.isEmpty { found.append("it lacks the filterable fields \(missingTags.joined(separator: ", "))") }
        let extra = fields.map(\.name).filter { name in !expected.fields.contains { $0.name == name } }
        if !extra.isEmpty { found.append("it has other fields (\(extra.joined(separator: ", ")))") }
        return found
    }

    /// The vector width of the index, when it has a `prompt_vector` field.
    var dimension: Int? {
        fields.first { $0.name == "prompt_vector" }?.attributes["DIM"].flatMap { Int($0) }
    }

    /// Attribute values compare as numbers when both are (`1` and `1.0` for a weight), else case-blind.
    private static func same(_ actual: String?, _ expected: String) -> Bool {
        guard let actual else { return false }
        if let a = Double(actual), let b = Double(expected) { return a == b }
        return actual.uppercased() == expected.uppercased()
    }
}

extension RedisCacheSchema {
    /// Field attributes of `FT.INFO` that take a value (RESP2 sends them flat, with flags mixed in).
    private static let valuedAttributes: Set<String> = [
        "IDENTIFIER", "ATTRIBUTE", "TYPE", "SEPARATOR", "WEIGHT", "ALGORITHM", "DATA_TYPE", "DIM", "DISTANCE_METRIC",
        "M", "EF_CONSTRUCTION", "EF_RUNTIME", "EPSILON", "INITIAL_CAP", "BLOCK_SIZE", "PHONETIC",
        "COMPRESSION", "CONSTRUCTION_WINDOW_SIZE", "GRAPH_MAX_DEGREE", "SEARCH_WINDOW_SIZE", "TRAINING_THRESHOLD",
        "REDUCE", "LEANVEC_DIM",
    ]

    /// Reads the schema part of an `FT.INFO` reply (RESP2 flat arrays or RESP3 maps).
    init?(info: RESPValue) {
        guard let top = RedisCacheReply.pairs(info) else { return nil }
        let definition = top.first { $0.key == "index_definition" }.flatMap { RedisCacheReply.pairs($0.value) } ?? []
        keyType = definition.first { $0.key == "key_type" }.flatMap { RedisCacheReply.text($0.value) } ?? "?"
        prefixes = definition.first { $0.key == "prefixes" }?.value.array?.compactMap(RedisCacheReply.text) ?? []
        guard let attributes = top.first(where: { $0.key == "attributes" })?.value.array else { return nil }
        fields = attributes.compactMap(Self.field(from:))
    }

    private static func field(from value: RESPValue) -> Field? {
        var attributes: [String: String] = [:]
        var flags: [String] = []
        if let pairs = value.map {
            for (key, item) in pairs {
                guard let name = RedisCacheReply.text(key)?.uppercased() else { continue }
                if name == "FLAGS" {
                    flags = item.array?.compactMap(RedisCacheReply.text) ?? []
                } else if let text = RedisCacheReply.text(item) {
                    attributes[name] = text
                }
            }
        } else if let items = value.array {
            var index = 0
            while index < items.count {
                guard let name = RedisCacheReply.text(items[index])?.uppercased() else { index += 1; continue }
                if valuedAttributes.contains(name), index + 1 < items.count, let text = RedisCacheReply.text(items[index + 1]) {
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
