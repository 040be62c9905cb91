import Testing

@testable import JunctionRedis

@Suite("SCAN: arguments and pages")
struct ScanCommandTests {
    @Test func arguments() {
        #expect(SCAN().arguments == ["SCAN", "0"])
        #expect(SCAN(cursor: "17", match: #"llm\*cache:*"#, count: 500).arguments == ["SCAN", "17", "MATCH", #"llm\*cache:*"#, "COUNT", 500])
        #expect(SCAN(cursor: "3", count: 10).arguments == ["SCAN", "3", "COUNT", 10])
    }

    @Test func pagesInBothProtocols() throws {
        // RESP2 and RESP3 both send a two-element array: the next cursor as a bulk string, then the keys.
        #expect(try SCAN().decode(["1536", ["a:1", "a:2"]]) == SCAN.Page(cursor: "1536", keys: ["a:1", "a:2"]))
        #expect(try SCAN().decode(["0", []]) == SCAN.Page(cursor: "0", keys: []))
        #expect(try SCAN().decode([.simpleString("0"), .set(["k"])]) == SCAN.Page(cursor: "0", keys: ["k"]))
    }

    @Test func malformedPagesAreUnexpectedReplies() {
        for reply: RESPValue in [42, ["0"], [0, ["k"]], ["0", "k"], ["0", [7]]] {
            let error = #expect(throws: RedisError.self) { try SCAN().decode(reply) }
            #expect(error?.code == "unexpected_reply")
            #expect(error?.message.hasPrefix("unexpected reply to SCAN: expected ") == true)
        }
    }
}
