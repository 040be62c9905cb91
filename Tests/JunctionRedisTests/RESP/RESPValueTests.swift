import NIOCore
import Testing

@testable import JunctionRedis

/// Accessors, server errors, equality and descriptions of values.
@Suite struct RESPValueTests {
    @Test func accessorsReturnValuesOfTheirTypeAndNilOtherwise() {
        let bulk: RESPValue = "hello"
        #expect(bulk.string == "hello")
        #expect(bulk.int == nil && bulk.array == nil && bulk.map == nil && bulk.error == nil && !bulk.isNull)
        #expect(RESPValue.simpleString("OK").string == "OK")
        #expect(RESPValue.verbatimString(format: "txt", text: "Some string").string == "Some string")
        #expect(RESPValue.integer(42).int == 42)
        #expect(RESPValue.integer(42).string == nil)
        #expect(RESPValue.double(2.5).double == 2.5)
        #expect(RESPValue.boolean(true).bool == true)
        #expect(RESPValue.bigNumber("-12").bigNumber == "-12")
        #expect(RESPValue.array([1, 2]).array == [1, 2])
        #expect(RESPValue.set([1]).array == [1])
        #expect(RESPValue.push(["message"]).array == ["message"])
        #expect(RESPValue.array(nil).array == nil)
        #expect(RESPValue.map([(key: "a", value: 1)]).map?.first?.value == 1)
        #expect(RESPValue.array([]).map == nil)
        #expect(RESPValue.null.isNull && RESPValue.bulkString(nil).isNull && RESPValue.array(nil).isNull)
        #expect(RESPValue.bulkString(nil).string == nil)
    }

    @Test func textReadsAnyScalarAndRecordsReadInBothProtocols() {
        #expect(RESPValue.simpleString("OK").text == "OK")
        #expect(RESPValue.integer(-3).text == "-3")
        #expect(RESPValue.double(1).text == "1.0")
        #expect(RESPValue.bigNumber("123456789012345678901234567890").text == "123456789012345678901234567890")
        #expect(RESPValue.null.text == nil && RESPValue.array([1]).text == nil && RESPValue.boolean(true).text == nil)

        let resp2: RESPValue = ["num_docs", "3", "indexing", 0]
        let resp3: RESPValue = .map([("num_docs", 3), ("indexing", .double(0))])
        #expect(resp2.keyValuePairs?.map(\.key) == ["num_docs", "indexing"])
        #expect(resp3.keyValuePairs?.map(\.key) == ["num_docs", "indexing"])
        #expect(resp2.value(forKey: "num_docs")?.text == "3" && resp3.value(forKey: "num_docs")?.text == "3")
        #expect(resp2.value(forKey: "percent_indexed") == nil)
        // Odd flat arrays and scalars are not records; pairs whose key is not a scalar are left out.
        #expect(RESPValue.array(["a", 1, "b"]).keyValuePairs == nil)
        #expect(RESPValue.integer(1).keyValuePairs == nil && RESPValue.integer(1).value(forKey: "a") == nil)
        #expect(RESPValue.array([["nested"], 1, "b", 2]).keyValuePairs?.map(\.key) == ["b"])
    }

    @Test func accessorsLookThroughAttributes() {
        let value = RESPValue.attribute([(key: .simpleString("ttl"), value: 3600)], "cached")
        #expect(value.string == "cached")
        #expect(value.attributes?.first?.value == 3600)
        #expect(value.withoutAttributes == "cached")
        #expect(RESPValue.integer(1).attributes == nil)
    }

    @Test(arguments: [
        ("ERR unknown command 'FOO'", "ERR", "unknown command 'FOO'"),
        ("WRONGTYPE Operation against a key holding the wrong kind of value", "WRONGTYPE", "Operation against a key holding the wrong kind of value"),
        ("NOSCRIPT No matching script. Please use EVAL.", "NOSCRIPT", "No matching script. Please use EVAL."),
        ("MOVED 3999 127.0.0.1:6381", "MOVED", "3999 127.0.0.1:6381"),
        ("BUSYGROUP Consumer Group name already exists", "BUSYGROUP", "Consumer Group name already exists"),
        ("ERR", "ERR", ""),
        ("Unknown index name", "ERR", "Unknown index name"),
        ("idx: no such index", "ERR", "idx: no such index"),
        ("SYNTAX invalid syntax", "SYNTAX", "invalid syntax"),
        ("123 not a code", "ERR", "123 not a code"),
        ("", "ERR", ""),
    ])
    func serverErrorsSplitTheirCode(text: String, code: String, message: String) {
        let error = RESPError(text: text)
        #expect(error.code == code)
        #expect(error.message == message)
        #expect(error.text == text)
        #expect(error.description == text)
    }

    @Test func errorRepliesCarryRESPError() throws {
        let simple = try #require(try RESPTestSupport.decodeOne("-ERR unknown\r\n"))
        #expect(simple.error == RESPError(code: "ERR", message: "unknown"))
        let bulk = try #require(try RESPTestSupport.decodeOne("!21\r\nSYNTAX invalid syntax\r\n"))
        #expect(bulk.error?.code == "SYNTAX")
        #expect(bulk.error?.message == "invalid syntax")
        #expect(bulk.string == nil)
    }

    @Test func nanEqualsNanAndHashesAlike() {
        #expect(RESPValue.double(.nan) == .double(-.nan))
        #expect(RESPValue.double(0.0) == .double(-0.0))
        #expect(Set<RESPValue>([.double(.nan), .double(.nan), .double(0.0), .double(-0.0)]).count == 2)
        #expect(RESPValue.bulkString("1") != .simpleString("1"))
        #expect(RESPValue.map([(key: "a", value: 1)]) != .map([(key: "a", value: 2)]))
    }

    @Test func literalsBuildTheExpectedCases() {
        let value: RESPValue = ["a", 1, 2.5, true, ["k": "v"]]
        #expect(value == .array([
            .bulkString(ByteBuffer(string: "a")), .integer(1), .double(2.5), .boolean(true),
            .map([(key: .bulkString(ByteBuffer(string: "k")), value: .bulkString(ByteBuffer(string: "v")))]),
        ]))
    }

    @Test func descriptionIsCompact() {
        let value: RESPValue = ["foo", 1, .null, .bulkString(nil), ["k": 2.5], .simpleError("ERR x")]
        #expect(value.description == #"["foo", :1, _, $nil, {"k": ,2.5}, -"ERR x"]"#)
        #expect(RESPValue.bulkString(String(repeating: "a", count: 100)).description.hasSuffix("…(100 bytes)"))
    }
}
