import JunctionJSON
import JunctionRedis
import Testing
@testable import JunctionCache

/// How the Redis cache reads entries and index descriptions back, whoever wrote them.
@Suite struct RedisCacheReadingTests {
    static let layout = RedisCacheLayout(name: "c", dimension: 2, filterableFields: ["tenant", "model"])

    @Test func readsAnEntryWrittenByRedisVL() throws {
        let hit = try #require(Self.layout.hit(key: "c:id1", fields: [
            "entry_id": "id1", "prompt": "p", "response": "r", "inserted_at": "1795287315.1771243",
            "updated_at": "1795287316.5", "metadata": #"{"city": "Paris", "n": [1, 2.5]}"#, "tenant": "t", "user_id": "u",
        ], distance: 0.25, exact: false))
        #expect(hit.entryID == "id1" && hit.key == "c:id1" && hit.prompt == "p" && hit.response == "r")
        #expect(hit.distance == 0.25 && !hit.exact)
        #expect(hit.insertedAt == 1795287315.1771243 && hit.updatedAt == 1795287316.5)
        #expect(hit.metadata == .object(["city": .string("Paris"), "n": .array([.number(1), .number(2.5)])]))
        // Only configured filterable fields are filters: user_id is not one of this cache's.
        #expect(hit.filters == ["tenant": "t"])
    }

    @Test func malformedMetadataAndTimestampsFromOtherWritersDoNotFail() throws {
        let hit = try #require(Self.layout.hit(key: "c:abc", fields: [
            "prompt": "p", "response": "r", "inserted_at": "yesterday", "metadata": "{not json",
        ], distance: 0, exact: true))
        #expect(hit.metadata == .string("{not json"))
        #expect(hit.insertedAt == 0 && hit.updatedAt == 0)
        #expect(hit.entryID == "abc")
        #expect(hit.metadata != nil)
        #expect(Self.layout.hit(key: "c:x", fields: ["prompt": "p"], distance: 0, exact: true) == nil)
        #expect(Self.layout.hit(key: "c:x", fields: [:], distance: 0, exact: true) == nil)
    }

    @Test func readsSearchRepliesInBothProtocols() throws {
        let resp2: RESPValue = [
            2,
            "c:a", ["entry_id", "a", "prompt", "pa", "response", "ra", "inserted_at", "1.5", "updated_at", "2.5", "vector_distance", "0.0500000715256"],
            "c:b", ["entry_id", "b", "prompt", "pb", "response", "rb", "inserted_at", "1", "updated_at", "1", "model", "m", "vector_distance", "0.1"],
        ]
        let two = try Self.layout.hits(fromSearch: resp2)
        #expect(two.map(\.key) == ["c:a", "c:b"])
        #expect(two.map(\.distance) == [0.0500000715256, 0.1])
        #expect(two[1].filters == ["model": "m"])
        #expect(two[0].metadata == nil)

        let resp3: RESPValue = [
            "attributes": [], "warning": [], "total_results": 1, "format": "STRING",
            "results": [["id": "c:a", "extra_attributes": ["prompt": "pa", "response": "ra", "vector_distance": "0.3"], "values": []]],
        ]
        let three = try Self.layout.hits(fromSearch: resp3)
        #expect(three.count == 1 && three[0].distance == 0.3 && three[0].response == "ra")
        #expect(try Self.layout.hits(fromSearch: [0]).isEmpty)
    }

    @Test func hashRepliesLeaveTheVectorOut() throws {
        let reply: RESPValue = ["prompt", "p", "prompt_vector", "\u{0}\u{0}\u{80}?", "response", "r"]
        #expect(RedisCacheReply.hashFields(reply) == ["prompt": "p", "response": "r"])
        #expect(RedisCacheReply.hashFields([]) == [:])
        #expect(RedisCacheReply.hashFields(["prompt": "p"]) == ["prompt": "p"])
        #expect(RedisCacheReply.hashFields(7) == nil)
    }

    @Test func schemaDifferencesSayWhatDiffers() {
        let expected = RedisCacheSchema.expected(for: Self.layout)
        #expect(RedisCacheSchema.differences(expected, from: expected).isEmpty)
        var reordered = expected
        reordered.fields.reverse()
        #expect(RedisCacheSchema.differences(reordered, from: expected).isEmpty)

        var other = expected
        other.fields[4].attributes["DIM"] = "768"
        other.fields.removeAll { $0.name == "model" }
        other.fields.append(.init(name: "user_id", type: "TAG", attributes: ["SEPARATOR": ","], flags: []))
        other.prefixes = ["c2"]
        #expect(RedisCacheSchema.differences(other, from: expected) == [
            "its key prefixes are 'c2', expected 'c'",
            "prompt_vector DIM is 768, expected 2",
            "it lacks the filterable fields model",
            "it has other fields (user_id)",
        ])
        other.keyType = "JSON"
        other.prefixes = []
        other.fields.removeAll { $0.name == "prompt" }
        #expect(RedisCacheSchema.differences(other, from: expected).prefix(3) == [
            "it indexes JSON keys, expected HASH", "its key prefixes are none, expected 'c'", "it has no prompt field",
        ])
    }
}
