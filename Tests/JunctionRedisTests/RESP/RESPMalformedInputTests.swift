import NIOCore
import Testing

@testable import JunctionRedis

/// Malformed input throws a `RESPProtocolError` with a stable code and the offset of the offending byte.
@Suite struct RESPMalformedInputTests {
    static let cases: [MalformedExample] = [
        MalformedExample("A\r\n", .invalidTypeByte, 0),
        MalformedExample("\r\n", .invalidTypeByte, 0),
        MalformedExample("+OK\r\n@", .invalidTypeByte, 5),
        MalformedExample("+OK\rX", .missingTerminator, 4),
        MalformedExample("+O\nK\r\n", .missingTerminator, 2),
        MalformedExample(":12a\r\n", .invalidInteger, 3),
        MalformedExample(":\r\n", .invalidInteger, 1),
        MalformedExample(":-\r\n", .invalidInteger, 1),
        MalformedExample(":9223372036854775808\r\n", .invalidInteger, 1),
        MalformedExample(":-9223372036854775809\r\n", .invalidInteger, 1),
        MalformedExample(":12345678901234567890\r\n", .invalidInteger, 1),
        MalformedExample("$abc\r\n", .invalidLength, 1),
        MalformedExample("$\r\n", .invalidLength, 1),
        MalformedExample("$-2\r\n", .invalidLength, 1),
        MalformedExample("$+3\r\nfoo\r\n", .invalidLength, 1),
        MalformedExample("$3\r\nfooXY", .missingTerminator, 7),
        MalformedExample("$3\r\nfoo\rY", .missingTerminator, 8),
        MalformedExample("*-2\r\n", .invalidLength, 1),
        MalformedExample("%-1\r\n", .invalidLength, 1),
        MalformedExample("~x\r\n", .invalidLength, 1),
        MalformedExample("_x\r\n", .invalidNull, 1),
        MalformedExample("#x\r\n", .invalidBoolean, 1),
        MalformedExample("#tt\r\n", .invalidBoolean, 1),
        MalformedExample("#\r\n", .invalidBoolean, 1),
        MalformedExample(",abc\r\n", .invalidDouble, 1),
        MalformedExample(",1.5x\r\n", .invalidDouble, 1),
        MalformedExample(",\r\n", .invalidDouble, 1),
        MalformedExample(",0x1p3\r\n", .invalidDouble, 1),
        MalformedExample(",e\r\n", .invalidDouble, 1),
        MalformedExample("(\r\n", .invalidBigNumber, 1),
        MalformedExample("(12a\r\n", .invalidBigNumber, 3),
        MalformedExample("(-\r\n", .invalidBigNumber, 1),
        MalformedExample("=3\r\ntxt\r\n", .invalidVerbatimString, 4),
        MalformedExample("=5\r\ntxt!x\r\n", .invalidVerbatimString, 4),
        MalformedExample("!-1\r\n", .invalidLength, 1),
        MalformedExample("$?\r\n", .unsupportedStreamedType, 1),
        MalformedExample("*?\r\n", .unsupportedStreamedType, 1),
        MalformedExample(";4\r\nabcd\r\n", .unsupportedStreamedType, 0),
        MalformedExample(".\r\n", .unsupportedStreamedType, 0),
        MalformedExample("*2\r\n:1\r\n:x\r\n", .invalidInteger, 9),
    ]

    @Test(arguments: cases)
    func throwsStableCode(example: MalformedExample) {
        let (wire, code, offset) = (example.wire, example.code, example.offset)
        let outcome = RESPTestSupport.decode(Array(wire.utf8))
        #expect(outcome.error?.code == code, "\(wire.debugDescription): \(outcome)")
        #expect(outcome.error?.offset == offset, "\(wire.debugDescription): \(outcome)")
        // The same error whatever way the bytes are split.
        #expect(RESPTestSupport.decode(Array(wire.utf8), chunkSize: 1).error == outcome.error)
    }

    @Test func messageNamesWhatWasExpectedAndWhere() {
        let error = RESPTestSupport.decode(Array("+OK\r\n:12a\r\n".utf8)).error
        #expect(error?.code.rawValue == "invalidInteger")
        #expect(error?.message == #"expected a signed 64-bit decimal integer after ':', found "12a""#)
        #expect(error?.offset == 8)
        #expect(error?.description == #"RESPProtocolError(invalidInteger): expected a signed 64-bit decimal integer after ':', found "12a" at byte 8"#)

        let typeError = RESPTestSupport.decode([0x01]).error
        #expect(typeError?.message == "expected a RESP type byte (one of + - : $ * _ # , ( ! = % ~ | >), found 0x01")
    }

    @Test func verbatimFormatMustBePrintableASCII() {
        let wire: [UInt8] = Array("=5\r\n".utf8) + [0x74, 0xFF, 0x74, 0x3A, 0x61] + [13, 10]
        let error = RESPTestSupport.decode(wire).error
        #expect(error?.code == .invalidVerbatimString)
        #expect(error?.offset == 4)
    }

    @Test func failedDecoderKeepsFailing() throws {
        var decoder = RESPDecoder()
        var buffer = ByteBuffer(string: "?\r\n")
        #expect(throws: RESPProtocolError.self) { try decoder.next(&buffer) }
        var fresh = ByteBuffer(string: "+OK\r\n")
        let error = #expect(throws: RESPProtocolError.self) { try decoder.next(&fresh) }
        #expect(error?.code == .invalidTypeByte)
    }

    @Test func incompleteInputIsNotAnError() {
        for wire in ["", "+OK", "+OK\r", "$3\r\nfo", "$3\r\nfoo\r", "*2\r\n:1\r\n", "|1\r\n+a\r\n:1\r\n", ",3.", "=15\r\ntxt:"] {
            let outcome = RESPTestSupport.decode(Array(wire.utf8))
            #expect(outcome.values.isEmpty && outcome.error == nil, "\(wire.debugDescription)")
        }
    }
}
