import NIOCore
import Testing

@testable import JunctionRedis

/// Known wire bytes, from the RESP2 and RESP3 specifications, decode to the right values.
@Suite struct RESPWireFormatTests {
    static let examples: [WireExample] = [
        WireExample("+OK\r\n", .simpleString("OK")),
        WireExample("+\r\n", .simpleString("")),
        WireExample("-ERR unknown\r\n", .simpleError("ERR unknown")),
        WireExample(":1\r\n", 1),
        WireExample(":-42\r\n", -42),
        WireExample(":+7\r\n", 7),
        WireExample(":9223372036854775807\r\n", .integer(.max)),
        WireExample(":-9223372036854775808\r\n", .integer(.min)),
        WireExample("$3\r\nfoo\r\n", "foo"),
        WireExample("$0\r\n\r\n", ""),
        WireExample("$4\r\na\r\nb\r\n", "a\r\nb"),
        WireExample("$-1\r\n", .bulkString(nil)),
        WireExample("*2\r\n$3\r\nfoo\r\n:1\r\n", ["foo", 1]),
        WireExample("*0\r\n", []),
        WireExample("*-1\r\n", .array(nil)),
        WireExample("*2\r\n*1\r\n:1\r\n*0\r\n", [[1], []]),
        WireExample("%1\r\n+a\r\n,3.5\r\n", .map([(key: .simpleString("a"), value: 3.5)])),
        WireExample("%0\r\n", .map([])),
        WireExample("_\r\n", .null),
        WireExample("#t\r\n", true),
        WireExample("#f\r\n", false),
        WireExample(",3.5\r\n", 3.5),
        WireExample(",-1.25e-3\r\n", -0.00125),
        WireExample(",10\r\n", 10.0),
        WireExample(",inf\r\n", .double(.infinity)),
        WireExample(",-inf\r\n", .double(-.infinity)),
        WireExample(",nan\r\n", .double(.nan)),
        WireExample("(123456789012345678901234567890\r\n", .bigNumber("123456789012345678901234567890")),
        WireExample("(-5\r\n", .bigNumber("-5")),
        WireExample("!21\r\nSYNTAX invalid syntax\r\n", .bulkError("SYNTAX invalid syntax")),
        WireExample("=15\r\ntxt:Some string\r\n", .verbatimString(format: "txt", text: "Some string")),
        WireExample("=4\r\nmkd:\r\n", .verbatimString(format: "mkd", text: "")),
        WireExample("~2\r\n+a\r\n:1\r\n", .set([.simpleString("a"), 1])),
        WireExample(">2\r\n+message\r\n+hi\r\n", .push([.simpleString("message"), .simpleString("hi")])),
        WireExample("|1\r\n+ttl\r\n:3600\r\n+OK\r\n", .attribute([(key: .simpleString("ttl"), value: 3600)], .simpleString("OK"))),
        // An attribute inside an aggregate annotates the next element and is not counted as one.
        WireExample(
            "*2\r\n:1\r\n|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.19\r\n:2\r\n",
            [1, .attribute([(key: .simpleString("key-popularity"), value: ["a": 0.19])], 2)]
        ),
        // Consecutive attributes merge into one.
        WireExample("|1\r\n+a\r\n:1\r\n|1\r\n+b\r\n:2\r\n_\r\n", .attribute([(key: .simpleString("a"), value: 1), (key: .simpleString("b"), value: 2)], .null)),
        WireExample("|0\r\n:5\r\n", .attribute([], 5)),
    ]

    /// Valid input that the encoder writes differently (explicit sign, other number spelling, merged attributes).
    static let nonCanonical: Set<String> = [
        ":+7\r\n", ",10\r\n", ",-1.25e-3\r\n", "|1\r\n+a\r\n:1\r\n|1\r\n+b\r\n:2\r\n_\r\n",
    ]

    @Test(arguments: examples)
    func decodesKnownBytes(example: WireExample) throws {
        let decoded = try RESPTestSupport.decodeOne(example.wire)
        #expect(decoded == example.value)
    }

    @Test(arguments: examples)
    func encodesToKnownBytes(example: WireExample) throws {
        // Only canonical forms re-encode byte for byte.
        guard !Self.nonCanonical.contains(example.wire) else { return }
        #expect(String(buffer: RESPTestSupport.encode(example.value)) == example.wire)
    }

    @Test func decodesSeveralValuesFromOneBuffer() throws {
        var decoder = RESPDecoder()
        var buffer = ByteBuffer(string: "+OK\r\n:1\r\n$-1\r\n*1\r\n")
        #expect(try decoder.next(&buffer) == .simpleString("OK"))
        #expect(try decoder.next(&buffer) == 1)
        #expect(try decoder.next(&buffer) == .bulkString(nil))
        #expect(try decoder.next(&buffer) == nil)
        buffer.writeString("_\r\n")
        #expect(try decoder.next(&buffer) == [.null])
        #expect(buffer.readableBytes == 0)
    }

    @Test func keepsBinaryPayloadsIntact() throws {
        let payload: [UInt8] = [0, 13, 10, 255, 36, 42, 13]
        var wire = ByteBuffer(string: "$7\r\n")
        wire.writeBytes(payload)
        wire.writeString("\r\n")
        var decoder = RESPDecoder()
        let value = try decoder.next(&wire)
        #expect(value?.bytes.map { Array($0.readableBytesView) } == payload)
    }
}
