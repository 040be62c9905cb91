import JunctionRedis
@testable import JunctionRouter
import Testing

/// Replies read in both protocol versions (shapes as Redis 8.2 sends them).
@Suite struct RedisReplyTests {
    /// FT.INFO of a router index (RESP2: flat arrays).
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
                .map([("identifier", "reference"), ("attribute", "reference"), ("type", "TEXT"), ("WEIGHT", .double(1)), ("flags", [])]),
                .map([("identifier", "vector"), ("attribute", "vector"), ("type", "VECTOR"), ("algorithm", "FLAT"),
                      ("data_type", "FLOAT32"), ("dim", .integer(Int64(dimension))), ("distance_metric", .bulkString(metric)), ("flags", [])]),
            ]),
            ("indexing", .integer(0)),
        ])
    }

    @Test func readsTheRouterSchemaFromFTInfoInBothProtocols() throws {
        let expected = RedisRouterSchema.router(name: "r", dimension: 384)
        let resp2 = try #require(RedisRouterSchema(info: Self.info2(dimension: 384)))
        let resp3 = try #require(RedisRouterSchema(info: Self.info3(dimension: 384)))
        #expect(resp2.differences(from: expected).isEmpty)
        #expect(resp3.differences(from: expected).isEmpty)
        #expect(resp2.dimension == 384)
    }

    @Test func namesWhatDiffersFromTheRouterSchema() throws {
        let expected = RedisRouterSchema.router(name: "r", dimension: 384)
        let wide = try #require(RedisRouterSchema(info: Self.info3(dimension: 768, metric: "L2")))
        #expect(wide.differences(from: expected) == ["vector DIM is 768, expected 384", "vector DISTANCE_METRIC is L2, expected COSINE"])
        let sortable = try #require(RedisRouterSchema(info: Self.info2(dimension: 384, extraFlag: true)))
        #expect(sortable.differences(from: expected) == ["reference has flags SORTABLE"])
        let other = RedisRouterSchema.router(name: "other", dimension: 384)
        #expect(try #require(RedisRouterSchema(info: Self.info2(dimension: 384))).differences(from: other) == ["its key prefixes are 'r', expected 'other'"])
    }

    @Test func readsAggregateRowsInBothProtocols() {
        let resp2: RESPValue = [2, ["route_name", "a", "distance", "0.00486719608307"], ["route_name", "b", "distance", "0.900496304035"]]
        let resp3: RESPValue = .map([
            ("attributes", []), ("total_results", 2), ("format", "STRING"),
            ("results", [
                .map([("extra_attributes", .map([("route_name", "a"), ("distance", "0.00486719608307")])), ("values", [])]),
                .map([("extra_attributes", .map([("route_name", "b"), ("distance", "0.900496304035")])), ("values", [])]),
            ]),
        ])
        let expected = [["route_name": "a", "distance": "0.00486719608307"], ["route_name": "b", "distance": "0.900496304035"]]
        #expect(RedisReply.aggregateRows(resp2) == expected)
        #expect(RedisReply.aggregateRows(resp3) == expected)
        #expect(RedisReply.aggregateRows([0]) == [])
    }

    @Test func readsSearchDocumentsInBothProtocols() throws {
        let resp2: RESPValue = [1, "r:a:1", ["reference_id", "1", "route_name", "a", "reference", "ref 1"]]
        let resp3: RESPValue = .map([
            ("total_results", 1),
            ("results", [.map([("id", "r:a:1"), ("extra_attributes", .map([("reference_id", "1"), ("route_name", "a"), ("reference", "ref 1")]))])]),
        ])
        for reply in [resp2, resp3] {
            let documents = try #require(RedisReply.searchDocuments(reply))
            #expect(documents.count == 1)
            #expect(documents.first?.key == "r:a:1")
            #expect(documents.first?.fields == ["reference_id": "1", "route_name": "a", "reference": "ref 1"])
        }
    }
}
