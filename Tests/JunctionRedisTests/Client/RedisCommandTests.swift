import NIOCore
import Testing

@testable import JunctionRedis

@Suite("Commands: arguments and reply decoding")
struct RedisCommandTests {
    @Test func stringAndKeyCommandArguments() {
        #expect(GET("k").arguments == ["GET", "k"])
        #expect(SET("k", value: "v").arguments == ["SET", "k", "v"])
        #expect(SET("k", value: 5, expiration: .seconds(10), condition: .ifNotExists).arguments == ["SET", "k", 5, "NX", "EX", 10])
        #expect(SET("k", value: "v", expiration: .milliseconds(1500), condition: .ifExists).arguments == ["SET", "k", "v", "XX", "PX", 1500])
        #expect(DEL("a", "b").arguments == ["DEL", "a", "b"])
        #expect(EXISTS(["a"]).arguments == ["EXISTS", "a"])
        #expect(EXPIRE("k", seconds: 3).arguments == ["EXPIRE", "k", 3])
        #expect(PEXPIRE("k", milliseconds: 30).arguments == ["PEXPIRE", "k", 30])
        #expect(TTL("k").arguments == ["TTL", "k"])
        #expect(PTTL("k").arguments == ["PTTL", "k"])
    }

    @Test func stringAndKeyReplies() throws {
        #expect(try GET("k").decode("v") == ByteBuffer(string: "v"))
        #expect(try GET("k").decode(.bulkString(nil)) == nil)
        #expect(try GET("k").decode(.null) == nil)
        #expect(try SET("k", value: "v").decode(.simpleString("OK")))
        #expect(try !SET("k", value: "v", condition: .ifNotExists).decode(.null))
        #expect(try EXPIRE("k", seconds: 1).decode(1))
        #expect(try !EXPIRE("k", seconds: 1).decode(0))
        #expect(try TTL("k").decode(-2) == .noKey)
        #expect(try TTL("k").decode(-1) == .persistent)
        #expect(try TTL("k").decode(7) == .expires(in: .seconds(7)))
        #expect(try PTTL("k").decode(1500) == .expires(in: .milliseconds(1500)))
        #expect(throws: RedisError.self) { try GET("k").decode(42) }
        #expect(throws: RedisError.self) { try TTL("k").decode(-3) }
        do {
            _ = try DEL("k").decode("nope")
            Issue.record("decoded a string as an integer")
        } catch {
            #expect(error.code == "unexpected_reply")
            #expect(error.message == "unexpected reply to DEL: expected an integer, got bulk string")
        }
    }

    @Test func hashCommands() throws {
        #expect(HSET("h", fields: [("a", "1"), ("b", .vector([1]))]).arguments == ["HSET", "h", "a", "1", "b", .vector([1])])
        #expect(HGET("h", field: "a").arguments == ["HGET", "h", "a"])
        let resp2: RESPValue = ["a", "1", "b", "2"]
        let resp3: RESPValue = ["a": "1", "b": "2"]
        let expected = ["a": ByteBuffer(string: "1"), "b": ByteBuffer(string: "2")]
        #expect(try HGETALL("h").decode(resp2) == expected)
        #expect(try HGETALL("h").decode(resp3) == expected)
        #expect(try HGETALL("h").decode([]) == [:])
        #expect(throws: RedisError.self) { try HGETALL("h").decode(["odd"]) }
    }

    @Test(arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        ("return 1", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db"),
        (String(repeating: "a", count: 1000), "291e9a6c66994949b57ba5e650361e98fc36b1ba"),
    ])
    func sha1MatchesKnownDigests(_ input: String, _ digest: String) {
        #expect(SHA1.hexDigest(input.utf8) == digest)
        #expect(RedisScript(input).sha1 == digest)
    }

    @Test func scriptCommands() {
        #expect(EVAL("return 1", keys: ["k"], arguments: [2]).arguments == ["EVAL", "return 1", 1, "k", 2])
        #expect(EVALSHA(sha1: "abc").arguments == ["EVALSHA", "abc", 0])
        #expect(SCRIPT.LOAD("return 1").arguments == ["SCRIPT", "LOAD", "return 1"])
    }

    @Test func ftCreateMatchesRedisVLRouterIndex() {
        let command = FT.CREATE(
            "topic-router", on: .hash, prefixes: ["topic-router"], score: 1.0,
            schema: [
                .tag("reference_id", separator: ","), .tag("route_name", separator: ","),
                .text("reference", weight: 1), .vector("vector", algorithm: .flat, dimension: 384, distanceMetric: .cosine),
            ])
        // The exact words RedisVL 0.28 sends (fixtures/redisvl/monitor.txt).
        let expected = """
            FT.CREATE topic-router ON HASH PREFIX 1 topic-router SCORE 1.0 SCHEMA reference_id TAG SEPARATOR , \
            route_name TAG SEPARATOR , reference TEXT WEIGHT 1 vector VECTOR FLAT 6 TYPE FLOAT32 DIM 384 DISTANCE_METRIC COSINE
            """
        #expect(command.arguments.map(Self.text).joined(separator: " ") == expected)
    }

    @Test func ftCreateJSONWithAliasesAndOptions() {
        let command = FT.CREATE(
            "idx", on: .json, prefixes: ["a:", "b:"], options: ["STOPWORDS", 0],
            schema: [.text("$.prompt", as: "prompt", weight: 0.5, sortable: true), .numeric("$.at", as: "at"), .tag("$.t", as: "t", caseSensitive: true),
                     .vector("$.v", as: "v", algorithm: .hnsw, dimension: 3, distanceMetric: .l2, extra: ["M", 16])])
        let expected = """
            FT.CREATE idx ON JSON PREFIX 2 a: b: STOPWORDS 0 SCHEMA $.prompt AS prompt TEXT WEIGHT 0.5 SORTABLE $.at AS at NUMERIC \
            $.t AS t TAG CASESENSITIVE $.v AS v VECTOR HNSW 8 TYPE FLOAT32 DIM 3 DISTANCE_METRIC L2 M 16
            """
        #expect(command.arguments.map(Self.text).joined(separator: " ") == expected)
    }

    @Test func ftSearchAndAggregateArguments() {
        let search = FT.SEARCH(
            "idx", query: "*=>[KNN 2 @v $vec AS d]", options: ["RETURN", 1, "d", "SORTBY", "d"],
            parameters: [("vec", .vector([0.5]))], dialect: 2)
        #expect(search.arguments == ["FT.SEARCH", "idx", "*=>[KNN 2 @v $vec AS d]", "RETURN", 1, "d", "SORTBY", "d", "PARAMS", 2, "vec", .vector([0.5]), "DIALECT", 2])
        #expect(FT.AGGREGATE("idx", query: "*").arguments == ["FT.AGGREGATE", "idx", "*"])
        #expect(FT.DROPINDEX("idx", deleteDocuments: true).arguments == ["FT.DROPINDEX", "idx", "DD"])
        #expect(FT.INFO("idx").arguments == ["FT.INFO", "idx"])
    }

    @Test func searchResultsFromRESP2() throws {
        let reply: RESPValue = [2, "doc:1", ["title", "hello", "d", "0.1"], "doc:2", ["title", "world"]]
        let results = try SearchResults(reply: reply)
        #expect(results.total == 2)
        #expect(results.documents == [
            SearchDocument(id: "doc:1", fields: ["title": "hello", "d": "0.1"]),
            SearchDocument(id: "doc:2", fields: ["title": "world"]),
        ])
        let scored: RESPValue = [1, "doc:1", "1.5", ["a", "b"]]
        #expect(try SearchResults(reply: scored, withScores: true).documents == [SearchDocument(id: "doc:1", fields: ["a": "b"], score: 1.5)])
        let idsOnly: RESPValue = [3, "a", "b", "c"]
        #expect(try SearchResults(reply: idsOnly, noContent: true).documents.map(\.id) == ["a", "b", "c"])
        #expect(try FT.SEARCH("i", query: "*", options: ["NOCONTENT"]).parse(idsOnly).documents.count == 3)
        #expect(try SearchResults(reply: [0]).documents.isEmpty)
        #expect(throws: RedisError.self) { try SearchResults(reply: [1, "doc:1"]) }
        #expect(throws: RedisError.self) { try SearchResults(reply: "nope") }
    }

    @Test func searchResultsFromRESP3() throws {
        let reply: RESPValue = [
            "attributes": [], "format": "STRING",
            "results": [
                ["id": "doc:1", "extra_attributes": ["title": "hello", "d": "0.1"], "values": []],
                ["id": "doc:2", "extra_attributes": ["title": "world"], "score": 0.5, "values": []],
            ],
            "total_results": 7, "warning": [],
        ]
        let results = try SearchResults(reply: reply)
        #expect(results.total == 7)
        #expect(results.documents == [
            SearchDocument(id: "doc:1", fields: ["title": "hello", "d": "0.1"]),
            SearchDocument(id: "doc:2", fields: ["title": "world"], score: 0.5),
        ])
        #expect(try SearchDocument.documents(in: reply).count == 2)
        #expect(throws: RedisError.self) { try SearchResults(reply: ["results": []]) }
    }

    @Test func aggregateResultsInBothProtocols() throws {
        let resp2: RESPValue = [2, ["route_name", "a", "distance", "0.1"], ["route_name", "b", "distance", "0.2"]]
        let resp3: RESPValue = [
            "attributes": [], "format": "STRING",
            "results": [
                ["extra_attributes": ["route_name": "a", "distance": "0.1"], "values": []],
                ["extra_attributes": ["route_name": "b", "distance": "0.2"], "values": []],
            ],
            "total_results": 2, "warning": [],
        ]
        let expected: [[String: RESPValue]] = [["route_name": "a", "distance": "0.1"], ["route_name": "b", "distance": "0.2"]]
        #expect(try AggregateResults(reply: resp2).rows == expected)
        #expect(try AggregateResults(reply: resp3).rows == expected)
    }

    @Test func jsonCommands() throws {
        #expect(JSON.SET("k", path: ".", json: "{}").arguments == ["JSON.SET", "k", ".", "{}"])
        #expect(JSON.SET("k", json: "1", condition: .ifNotExists).arguments == ["JSON.SET", "k", "$", "1", "NX"])
        #expect(JSON.GET("k").arguments == ["JSON.GET", "k"])
        #expect(JSON.GET("k", path: "$.a").arguments == ["JSON.GET", "k", "$.a"])
        #expect(try JSON.GET("k").decode("{\"a\":1}") == "{\"a\":1}")
        #expect(try JSON.GET("k").decode(.null) == nil)
        #expect(try !JSON.SET("k", json: "1", condition: .ifExists).decode(.null))
    }

    @Test func streamCommands() throws {
        #expect(XADD("s", fields: [("a", "1")]).arguments == ["XADD", "s", "*", "a", "1"])
        #expect(XADD("s", id: "5-1", fields: [("a", "1")], maxLength: .init(100)).arguments == ["XADD", "s", "MAXLEN", "~", 100, "5-1", "a", "1"])
        #expect(XADD("s", fields: [], maxLength: .init(1, approximate: false)).arguments == ["XADD", "s", "MAXLEN", 1, "*"])
        #expect(XRANGE("s", count: 2).arguments == ["XRANGE", "s", "-", "+", "COUNT", 2])
        let entries = try XRANGE("s").decode([["1-0", ["a", "1", "b", "2"]], ["2-0", ["a", "3"]]])
        #expect(entries.map(\.id) == ["1-0", "2-0"])
        #expect(entries[0].fields.map(\.field) == ["a", "b"])
        #expect(entries[0]["b"] == ByteBuffer(string: "2"))
        #expect(entries[1]["b"] == nil)
        #expect(try XLEN("s").decode(2) == 2)
    }

    @Test func pubSubMessagesFromPushes() {
        #expect(PUBLISH("c", message: "m").arguments == ["PUBLISH", "c", "m"])
        #expect(RedisPubSubMessage(push: .push(["message", "c", "m"])) == RedisPubSubMessage(channel: "c", payload: ByteBuffer(string: "m")))
        #expect(RedisPubSubMessage(push: .push(["pmessage", "c*", "cat", "m"])) == RedisPubSubMessage(channel: "cat", pattern: "c*", payload: ByteBuffer(string: "m")))
        #expect(RedisPubSubMessage(push: .push(["subscribe", "c", 1])) == nil)
    }

    static func text(_ argument: RESPCommandArgument) -> String {
        var buffer = ByteBuffer()
        RESPEncoder().encodeArgument(argument, into: &buffer)
        // "$<n>\r\n<payload>\r\n": keep the payload.
        let line = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n"))! + 1
        return String(decoding: buffer.readableBytesView[line..<(buffer.writerIndex - 2)], as: UTF8.self)
    }
}
