import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing

@testable import JunctionRedis

/// The decoder gives the same values whatever way the bytes are split.
@Suite struct RESPIncrementalDecodingTests {
    @Test func passesNIOsByteToMessageDecoderVerifier() throws {
        let pairs = RESPWireFormatTests.examples.map { ($0.wire, [$0.value]) }
            + [("+OK\r\n:1\r\n", [.simpleString("OK"), 1] as [RESPValue])]
            + [(String(buffer: RESPTestSupport.encode(ftSearchReply())), [ftSearchReply()])]
        try ByteToMessageDecoderVerifier.verifyDecoder(stringInputOutputPairs: pairs) { RESPDecoder() }
    }

    @Test func byteAtATimeMatchesAllAtOnce() {
        var all: [UInt8] = []
        var expected: [RESPValue] = []
        for example in RESPWireFormatTests.examples {
            all += Array(example.wire.utf8)
            expected.append(example.value)
        }
        let encoded = RESPTestSupport.encode(ftSearchReply(withVectors: true))
        all += Array(encoded.readableBytesView)
        expected.append(ftSearchReply(withVectors: true))

        let whole = RESPTestSupport.decode(all)
        #expect(whole.values == expected)
        #expect(whole.error == nil)
        #expect(whole.consumed == all.count)
        for chunkSize in [1, 2, 3, 7, 64, 1000] {
            let chunked = RESPTestSupport.decode(all, chunkSize: chunkSize)
            #expect(chunked == whole, "chunk size \(chunkSize)")
        }
    }

    @Test func randomSplitsOfRandomValuesMatch() {
        var generator = RandomRESPValues(rng: SplitMix64(seed: 42))
        for _ in 0..<300 {
            let value = generator.value()
            let bytes = Array(RESPTestSupport.encode(value).readableBytesView)
            let chunkSize = generator.int(1...max(1, bytes.count))
            let chunked = RESPTestSupport.decode(bytes, chunkSize: chunkSize)
            #expect(chunked.values == [value], "chunk size \(chunkSize) of \(value)")
            #expect(chunked.error == nil)
        }
    }

    @Test func consumesCompleteElementsOfAnUnfinishedAggregate() throws {
        var decoder = RESPDecoder()
        var buffer = ByteBuffer(string: "*3\r\n$3\r\nfoo\r\n:1\r\n$5\r\nhel")
        #expect(try decoder.next(&buffer) == nil)
        // The header and the two complete elements are consumed; the partial bulk string waits.
        #expect(String(buffer: buffer) == "$5\r\nhel")
        buffer.writeString("lo\r\n")
        #expect(try decoder.next(&buffer) == ["foo", 1, "hello"])
        #expect(buffer.readableBytes == 0)
    }

    @Test func decodesInAChannelPipelineAndReportsProtocolErrors() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(RESPDecoder()))
        try channel.writeInbound(ByteBuffer(string: "+OK\r\n*2\r\n:1"))
        #expect(try channel.readInbound(as: RESPValue.self) == .simpleString("OK"))
        #expect(try channel.readInbound(as: RESPValue.self) == nil)
        try channel.writeInbound(ByteBuffer(string: "\r\n$2\r\nhi\r\n"))
        #expect(try channel.readInbound(as: RESPValue.self) == [1, "hi"])

        let error = #expect(throws: RESPProtocolError.self) {
            try channel.writeInbound(ByteBuffer(string: "+OK\r\n:x\r\n"))
        }
        #expect(error?.code == .invalidInteger)
        #expect(error?.offset == 27)  // offsets count from the start of the stream
        #expect(try channel.readInbound(as: RESPValue.self) == .simpleString("OK"))
        _ = try? channel.finish()
    }
}
