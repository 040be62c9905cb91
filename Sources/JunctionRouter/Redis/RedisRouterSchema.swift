import JunctionRedis

/// The search index of a router on Redis, exactly RedisVL's
/// (`SemanticRouterIndexSchema.from_params(name, dims, "float32")`): a HASH
/// index named and prefixed by the router's name, with `reference_id` and
/// `route_name` TAG fields, a `reference` TEXT field and a FLAT COSINE
/// FLOAT32 `vector` field.
///
/// An existing index, as `FT.INFO` describes it (read with
/// ``SearchIndexSchema/init(info:)``), is compared with the one a router
/// needs (RedisVL compares `schema.to_dict()` the same way before reusing an
/// index).
enum RedisRouterSchema {
    /// The schema of router `name` for `dimension`-wide vectors.
    static func router(name: String, dimension: Int) -> SearchIndexSchema {
        typealias Field = SearchIndexSchema.Field
        return SearchIndexSchema(keyType: "HASH", prefixes: [name], fields: [
            Field(name: "reference_id", type: "TAG", attributes: ["SEPARATOR": ","]),
            Field(name: "route_name", type: "TAG", attributes: ["SEPARATOR": ","]),
            Field(name: "reference", type: "TEXT", attributes: ["WEIGHT": "1"]),
            Field(name: "vector", type: "VECTOR", attributes: [
                "ALGORITHM": "FLAT", "DATA_TYPE": "FLOAT32", "DIM": String(dimension), "DISTANCE_METRIC": "COSINE",
            ]),
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

    /// What differs between `index` and `expected`, in words ("vector DIM is
    /// 768, expected 384"); empty when `index` is the expected one (field
    /// order aside).
    static func differences(_ index: SearchIndexSchema, from expected: SearchIndexSchema) -> [String] {
        var found: [String] = []
        if index.keyType != expected.keyType { found.append("it indexes \(index.keyType) keys, expected \(expected.keyType)") }
        if index.prefixes != expected.prefixes {
            found.append("its key prefixes are \(index.prefixes.map { "'\($0)'" }.joined(separator: ", ")), expected '\(expected.prefixes.joined(separator: "', '"))'")
        }
        for field in expected.fields {
            guard let actual = index.field(named: field.name) else {
                found.append("it has no \(field.name) field")
                continue
            }
            found += actual.differences(from: field)
        }
        let extra = index.fieldNames(notIn: expected)
        if !extra.isEmpty { found.append("it has other fields (\(extra.joined(separator: ", ")))") }
        return found
    }
}
