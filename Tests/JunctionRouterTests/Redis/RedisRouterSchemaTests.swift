import JunctionRedis
@testable import JunctionRouter
import Testing

/// An existing index compared with RedisVL's router index: what differs is said in words.
@Suite struct RedisRouterSchemaTests {
    static let expected = RedisRouterSchema.router(name: "r", dimension: 384)

    /// `expected` with `change` applied to its field `name`.
    static func changing(_ name: String, _ change: (inout SearchIndexSchema.Field) -> Void) -> SearchIndexSchema {
        var schema = expected
        for index in schema.fields.indices where schema.fields[index].name == name { change(&schema.fields[index]) }
        return schema
    }

    @Test func theRouterIndexIsTheExpectedOneWhateverTheFieldOrder() {
        var reordered = Self.expected
        reordered.fields.reverse()
        #expect(RedisRouterSchema.differences(reordered, from: Self.expected).isEmpty)
        // RESP3's FT.INFO reports the weight as 1.0, RESP2's as 1.
        let weight = Self.changing("reference") { $0.attributes["WEIGHT"] = "1.0" }
        #expect(RedisRouterSchema.differences(weight, from: Self.expected).isEmpty)
    }

    @Test func namesWhatDiffersFromTheRouterSchema() {
        let wide = Self.changing("vector") { $0.attributes["DIM"] = "768"; $0.attributes["DISTANCE_METRIC"] = "L2" }
        #expect(RedisRouterSchema.differences(wide, from: Self.expected)
            == ["vector DIM is 768, expected 384", "vector DISTANCE_METRIC is L2, expected COSINE"])
        let sortable = Self.changing("reference") { $0.flags = ["SORTABLE"] }
        #expect(RedisRouterSchema.differences(sortable, from: Self.expected) == ["reference has flags SORTABLE"])
        let other = RedisRouterSchema.router(name: "other", dimension: 384)
        #expect(RedisRouterSchema.differences(Self.expected, from: other) == ["its key prefixes are 'r', expected 'other'"])

        var json = Self.changing("route_name") { $0.type = "TEXT" }
        json.keyType = "JSON"
        json.fields.removeAll { $0.name == "reference" }
        json.fields.append(SearchIndexSchema.Field(name: "extra", type: "NUMERIC"))
        #expect(RedisRouterSchema.differences(json, from: Self.expected) == [
            "it indexes JSON keys, expected HASH", "route_name is TEXT, expected TAG", "it has no reference field", "it has other fields (extra)",
        ])
    }
}
