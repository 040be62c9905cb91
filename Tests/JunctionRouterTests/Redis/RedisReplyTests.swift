import JunctionRedis
@testable import JunctionRouter
import Testing

/// Search replies read in both protocol versions (shapes as Redis 8.2 sends them).
@Suite struct RedisReplyTests {
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
