import JunctionRedis

/// The search index a semantic cache needs, and how an existing one (as `FT.INFO` describes it, read with
/// ``SearchIndexSchema/init(info:)``) differs from it (RedisVL compares `schema.to_dict()` the same way
/// before reusing an index).
enum RedisCacheSchema {
    /// The schema RedisVL's `SemanticCache` creates for `layout`.
    static func expected(for layout: RedisCacheLayout) -> SearchIndexSchema {
        typealias Field = SearchIndexSchema.Field
        var fields = [
            Field(name: "prompt", type: "TEXT", attributes: ["WEIGHT": "1"]),
            Field(name: "response", type: "TEXT", attributes: ["WEIGHT": "1"]),
            Field(name: "inserted_at", type: "NUMERIC"),
            Field(name: "updated_at", type: "NUMERIC"),
            Field(name: "prompt_vector", type: "VECTOR", attributes: [
                "ALGORITHM": "FLAT", "DATA_TYPE": "FLOAT32", "DIM": String(layout.dimension), "DISTANCE_METRIC": "COSINE",
            ]),
        ]
        fields += layout.filterableFields.map { Field(name: $0, type: "TAG", attributes: ["SEPARATOR": ","]) }
        return SearchIndexSchema(keyType: "HASH", prefixes: [layout.name], fields: fields)
    }

    /// What differs between `index` and `expected`, in words ("prompt_vector DIM is 768, expected 384");
    /// empty when `index` is the expected one (field order aside). Missing filterable (TAG) fields are named
    /// together.
    static func differences(_ index: SearchIndexSchema, from expected: SearchIndexSchema) -> [String] {
        var found: [String] = []
        if index.keyType.uppercased() != expected.keyType {
            found.append("it indexes \(index.keyType) keys, expected \(expected.keyType)")
        }
        if index.prefixes != expected.prefixes {
            let actual = index.prefixes.map { "'\($0)'" }.joined(separator: ", ")
            found.append("its key prefixes are \(actual.isEmpty ? "none" : actual), expected '\(expected.prefixes.joined(separator: "', '"))'")
        }
        var missingTags: [String] = []
        for field in expected.fields {
            if let actual = index.field(named: field.name) {
                found += actual.differences(from: field)
            } else if field.type == "TAG" {
                missingTags.append(field.name)
            } else {
                found.append("it has no \(field.name) field")
            }
        }
        if !missingTags.isEmpty { found.append("it lacks the filterable fields \(missingTags.joined(separator: ", "))") }
        let extra = index.fieldNames(notIn: expected)
        if !extra.isEmpty { found.append("it has other fields (\(extra.joined(separator: ", ")))") }
        return found
    }
}
