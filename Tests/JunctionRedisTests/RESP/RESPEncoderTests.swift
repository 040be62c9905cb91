import NIOCore
import Testing

@testable import JunctionRedis

/// Commands encode to the exact bytes Redis expects.
@Suite struct RESPEncoderTests {
    private func encoded(_ arguments: [RESPCommandArgument]) -> String {
        var buffer = ByteBuffer()
        RESPEncoder().encodeCommand(arguments, into: &buffer)
        return String(buffer: buffer)
    }

    @Test func encodesACommandAsAnArrayOfBulkStrings() {
        #expect(encoded(["SET", "key", "value"]) == "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n")
        #expect(encoded(["PING"]) == "*1\r\n$4\r\nPING\r\n")
        #expect(encoded([]) == "*0\r\n")
    }

    @Test func encodesIntegersInDecimal() {
        #expect(encoded([0, 7, 10, -42, 1_000_000]) == "*5\r\n$1\r\n0\r\n$1\r\n7\r\n$2\r\n10\r\n$3\r\n-42\r\n$7\r\n1000000\r\n")
        #expect(encoded([.integer(.min)]) == "*1\r\n$20\r\n-9223372036854775808\r\n")
        #expect(encoded([.integer(.max)]) == "*1\r\n$19\r\n9223372036854775807\r\n")
    }

    @Test func encodesDoublesAsShortestText() {
        #expect(encoded([0.5, 1.0, 0.1]) == "*3\r\n$3\r\n0.5\r\n$3\r\n1.0\r\n$3\r\n0.1\r\n")
        #expect(encoded([.double(.infinity), .double(-.infinity), .double(-.nan)]) == "*3\r\n$3\r\ninf\r\n$4\r\n-inf\r\n$3\r\nnan\r\n")
    }

    @Test func encodesStringsByTheirUTF8Length() {
        #expect(encoded(["héllo", "🙂"]) == "*2\r\n$6\r\nhéllo\r\n$4\r\n🙂\r\n")
    }

    @Test func sendsBuffersAndRawBytesAsTheyAre() {
        var payload = ByteBuffer(string: "xxa\r\nb")
        payload.moveReaderIndex(forwardBy: 2)  // only the readable bytes are sent
        var buffer = ByteBuffer()
        RESPEncoder().encodeCommand(.buffer(payload), .bytes([0, 255, 13]), into: &buffer)
        #expect(Array(buffer.readableBytesView) == Array("*2\r\n$4\r\na\r\nb\r\n$3\r\n".utf8) + [0, 255, 13] + [13, 10])
    }

    @Test func vectorOf384FloatsIs1536RawLittleEndianBytes() throws {
        let vector = (0..<384).map { Float($0) * 0.25 - 17.5 }
        var buffer = ByteBuffer()
        RESPEncoder().encodeCommand(["HSET", "k", "vector", .vector(vector)], into: &buffer)

        var decoder = RESPDecoder()
        let fields = try #require(try decoder.next(&buffer)?.array)
        let blob = try #require(fields.last?.bytes)
        #expect(blob.readableBytes == 1536)
        var reader = blob
        var decoded: [Float] = []
        while let bits = reader.readInteger(endianness: .little, as: UInt32.self) {
            decoded.append(Float(bitPattern: bits))
        }
        #expect(decoded == vector)
        // Header, then exactly 1536 payload bytes, then CRLF.
        var wire = ByteBuffer()
        RESPEncoder().encodeCommand([.vector(vector)], into: &wire)
        #expect(wire.readableBytes == "*1\r\n$1536\r\n".utf8.count + 1536 + 2)
        #expect(wire.getString(at: 0, length: 11) == "*1\r\n$1536\r\n")
        #expect(wire.getBytes(at: 11, length: 4) == [0x00, 0x00, 0x8C, 0xC1])  // -17.5 little-endian
    }

    @Test func encodesCommandsWithManyArguments() {
        let arguments = (0..<150).map { RESPCommandArgument.integer($0) }
        #expect(encoded(arguments).hasPrefix("*150\r\n$1\r\n0\r\n"))
    }

    @Test func appendsToWhatIsAlreadyInTheBuffer() {
        var buffer = ByteBuffer(string: "*1\r\n$4\r\nPING\r\n")
        RESPEncoder().encodeCommand(["PING"], into: &buffer)
        #expect(String(buffer: buffer) == "*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nPING\r\n")
    }
}
