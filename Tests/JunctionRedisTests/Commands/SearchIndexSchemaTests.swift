import Testing

@testable import JunctionRedis

/// `FT.INFO` replies read into a schema in both protocol versions (shapes as Redis 8.2 sends them), and
/// fields compared with the ones an index needs.
@Suite struct SearchIndexSchemaTests {
    /// FT.INFO of RedisVL's router index (RESP2: flat arrays).
    static func info2(dimension: Int, extraFlag: Bool = false) -> RESPValue {
        var reference: [RESPValue] = ["identifier", "reference", "attribute", "reference", "type", "TEXT", "WEIGHT", "1"]
        if extraFlag { reference.append("SORTABLE") }
        return [
            "index_name", "r", "index_options", [],
            "index_definition", ["key_type", "HASH", "prefixes", ["r"], "default_score", "1"],
            "attributes", [
                ["identifier", "reference_id", "attribute", "reference_id", "type", "TAG", "SEPARATOR", ","],
                ["identifier", "route_name", "attribute", "route_name", "type", "TAG", "SEPARATOR", ","],
                .array(reference),
                ["identifier", "vector", "attribute", "vector", "type", "VECTOR", "algorithm", "FLAT", "data_type", "FLOAT32",
                 .bulkString("dim"), .integer(Int64(dimension)), "distance_metric", "COSINE"],
            ],
            "num_docs", 0, "indexing", 0, "percent_indexed", "1",
        ]
    }

    /// The same in RESP3 (maps, doubles, flags lists).
    static func info3(dimension: Int, metric: String = "COSINE") -> RESPValue {
        .map([
            ("index_name", "r"),
            ("index_definition", .map([("key_type", "HASH"), ("prefixes", ["r"]), ("default_score", .double(1))])),
            ("attributes", [
                .map([("identifier", "reference_id"), ("attribute", "reference_id"), ("type", "TAG"), ("SEPARATOR", ","), ("flags", [])]),
                .map([("identifier", "route_name"), ("attribute", "route_name"), ("type", "TAG"), ("SEPARATOR", ","), ("flags", [])]),
                .map([("identifier", "reference"), ("attribute", "reference"), ("type", "TEXT"), ("WEIGHT", .double(1)), ("flags", ["SORTABLE"])]),
                .map([("identifier", "vector"), ("attribute", "vector"), ("type", "VECTOR"), ("algorithm", "FLAT"),
                      ("data_type", "FLOAT32"), ("dim", .integer(Int64(dimension))), ("distance_metric", .bulkString(metric)), ("flags", [])]),
            ]),
            ("indexing", .integer(0)),
        ])
    }

    static let tags = [
        SearchIndexSchema.Field(name: "reference_id", type: "TAG", attributes: ["SEPARATOR": ","]),
        SearchIndexSchema.Field(name: "route_name", type: "TAG", attributes: ["SEPARATOR": ","]),
    ]

    static func vector(dimension: Int, metric: String = "COSINE") -> SearchIndexSchema.Field {
        SearchIndexSchema.Field(name: "vector", type: "VECTOR", attributes: [
            "ALGORITHM": "FLAT", "DATA_TYPE": "FLOAT32", "DIM": String(dimension), "DISTANCE_METRIC": metric,
        ])
    }

    @Test func readsTheSchemaFromFTInfoInBothProtocols() throws {
        let resp2 = try #require(SearchIndexSchema(info: Self.info2(dimension: 384, extraFlag: true)))
        #expect(resp2 == SearchIndexSchema(keyType: "HASH", prefixes: ["r"], fields: Self.tags + [
            SearchIndexSchema.Field(name: "reference", type: "TEXT", attributes: ["WEIGHT": "1"], flags: ["SORTABLE"]),
            Self.vector(dimension: 384),
        ]))
        // RESP3 sends the weight as a double and the flags as a list.
        let resp3 = try #require(SearchIndexSchema(info: Self.info3(dimension: 768, metric: "L2")))
        #expect(resp3 == SearchIndexSchema(keyType: "HASH", prefixes: ["r"], fields: Self.tags + [
            SearchIndexSchema.Field(name: "reference", type: "TEXT", attributes: ["WEIGHT": "1.0"], flags: ["SORTABLE"]),
            Self.vector(dimension: 768, metric: "L2"),
        ]))
        #expect(resp3.field(named: "vector")?.attributes["DIM"] == "768")
        #expect(resp3.field(named: "prompt") == nil)
    }

    @Test func repliesThatAreNotIndexDescriptionsAreRefused() throws {
        #expect(SearchIndexSchema(info: "OK") == nil)
        #expect(SearchIndexSchema(info: ["index_name", "r", "num_docs", 0]) == nil, "no attributes list")
        // A field description without a type is left out; a reply without a definition says so with `?`.
        let partial = try #require(SearchIndexSchema(info: ["attributes", [["identifier", "a"], ["identifier", "b", "type", "tag"]]]))
        #expect(partial == SearchIndexSchema(keyType: "?", prefixes: [], fields: [SearchIndexSchema.Field(name: "b", type: "TAG")]))
    }

    @Test func namesHowAFieldDiffersFromTheOneExpected() throws {
        let wide = try #require(SearchIndexSchema(info: Self.info3(dimension: 768, metric: "L2")))
        let expected = Self.vector(dimension: 384)
        #expect(try #require(wide.field(named: "vector")).differences(from: expected)
            == ["vector DIM is 768, expected 384", "vector DISTANCE_METRIC is L2, expected COSINE"])
        // Numbers compare as numbers (a RESP3 weight of 1.0 is RESP2's 1), words case-blind.
        let reference = try #require(wide.field(named: "reference"))
        let text = SearchIndexSchema.Field(name: "reference", type: "TEXT", attributes: ["WEIGHT": "1"])
        #expect(reference.differences(from: text) == ["reference has flags SORTABLE"])
        #expect(Self.vector(dimension: 384, metric: "cosine").differences(from: expected).isEmpty)
        var flagged = text
        flagged.flags = ["SORTABLE", "NOSTEM"]
        #expect(reference.differences(from: flagged) == ["reference lacks flags NOSTEM"])
        #expect(text.differences(from: Self.tags[0]) == ["reference is TEXT, expected TAG"])
        #expect(Self.tags[0].differences(from: SearchIndexSchema.Field(name: "reference_id", type: "TAG", attributes: ["CASESENSITIVE": "1"]))
            == ["reference_id CASESENSITIVE is missing, expected 1"])
        let schema = SearchIndexSchema(keyType: "HASH", prefixes: ["r"], fields: Self.tags)
        #expect(schema.fieldNames(notIn: SearchIndexSchema(keyType: "HASH", prefixes: ["r"], fields: [Self.tags[1]])) == ["reference_id"])
    }
}
