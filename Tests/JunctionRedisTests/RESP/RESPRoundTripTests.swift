import NIOCore
import Testing

@testable import JunctionRedis

/// Every value the encoder writes decodes back to itself.
@Suite struct RESPRoundTripTests {
    static let everyType: [RESPValue] = [
        .simpleString("OK"),
        .simpleError("WRONGTYPE Operation against a key holding the wrong kind of value"),
        .integer(0), .integer(.min), .integer(.max),
        "bulk", "", .bulkString(nil),
        ["a", 1, [true, .null]], [], .array(nil),
        .null,
        true, false,
        0.1, -0.0, 1e300, .double(.leastNonzeroMagnitude), .double(.infinity), .double(-.infinity), .double(.nan),
        .bigNumber("3492890328409238509324850943850943825024385"), .bigNumber("-1"),
        .bulkError("SYNTAX invalid syntax"),
        .verbatimString(format: "txt", text: "Some string"),
        ["key": "value", 1: [2, 3], .null: .map([])],
        .set(["a", "b", 3]), .set([]),
        .attribute([(key: .simpleString("ttl"), value: 3600)], .simpleString("OK")),
        .attribute([], ["nested": .attribute([(key: "k", value: "v")], 1)]),
        .push([.simpleString("message"), "channel", "hi"]),
        ftSearchReply(withVectors: true),
    ]

    @Test(arguments: everyType)
    func roundTrips(value: RESPValue) {
        let bytes = Array(RESPTestSupport.encode(value).readableBytesView)
        let outcome = RESPTestSupport.decode(bytes)
        #expect(outcome.values == [value])
        #expect(outcome.error == nil)
        #expect(outcome.consumed == bytes.count)
    }

    @Test func randomValuesRoundTrip() {
        var generator = RandomRESPValues(rng: SplitMix64(seed: 7))
        for _ in 0..<2_000 {
            let value = generator.value()
            let bytes = Array(RESPTestSupport.encode(value).readableBytesView)
            let outcome = RESPTestSupport.decode(bytes)
            #expect(outcome.values == [value], "\(value)")
            #expect(outcome.error == nil)
        }
    }

    @Test func encodedCommandDecodesToBulkStrings() {
        var buffer = ByteBuffer()
        RESPEncoder().encodeCommand(["HSET", "key", .integer(-3), 2.5, .bytes([0, 13, 10])], into: &buffer)
        let outcome = RESPTestSupport.decode(Array(buffer.readableBytesView))
        #expect(outcome.values == [["HSET", "key", "-3", "2.5", .bulkString(ByteBuffer(bytes: [0, 13, 10]))]])
    }
}
