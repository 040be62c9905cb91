/// Finds the next complete RESP token in a run of bytes without consuming them or allocating.
///
/// Numbers are parsed from the bytes directly. Returns nil when the bytes end before the token does;
/// throws ``RESPProtocolError`` (with the offset of the offending byte in the stream) when they cannot be RESP.
struct RESPTokenScanner {
    /// The decoder's limits.
    let limits: RESPDecoder.Limits
    /// The stream offset of the first byte scanned, for error messages.
    let streamOffset: Int

    /// Scans one token at the start of `bytes`; returns it with the number of bytes it spans.
    func scan(_ bytes: UnsafeRawBufferPointer) throws -> (token: RESPToken, length: Int)? {
        guard let first = bytes.first else { return nil }
        guard let type = RESPTypeByte(byte: first) else {
            if first == 0x3B || first == 0x2E {  // ';' and '.' belong to RESP3 streamed types
                throw error(.unsupportedStreamedType, "expected a RESP type byte, found \(first.respDescription) (streamed types are not supported)", at: 0)
            }
            throw error(.invalidTypeByte, "expected a RESP type byte (\(RESPTypeByte.expectedDescription)), found \(first.respDescription)", at: 0)
        }
        guard let end = try lineEnd(bytes, type: type) else { return nil }
        let lineLength = end + 2
        switch type {
        case .simpleString:
            return (.simpleString(1..<end), lineLength)
        case .simpleError:
            return (.simpleError(1..<end), lineLength)
        case .integer:
            return (.integer(try parseInteger(bytes, 1..<end)), lineLength)
        case .double:
            return (.double(try parseDouble(bytes, 1..<end)), lineLength)
        case .bigNumber:
            try validateBigNumber(bytes, 1..<end)
            return (.bigNumber(1..<end), lineLength)
        case .null:
            guard end == 1 else {
                throw error(.invalidNull, "expected CRLF directly after '_', found \(bytes[1].respDescription)", at: 1)
            }
            return (.null, lineLength)
        case .boolean:
            guard end == 2, bytes[1] == 0x74 || bytes[1] == 0x66 else {
                throw error(.invalidBoolean, "expected 't' or 'f' after '#', found \(quoted(bytes, 1..<end))", at: 1)
            }
            return (.boolean(bytes[1] == 0x74), lineLength)
        case .bulkString, .bulkError, .verbatimString:
            return try scanBlob(bytes, type: type, headerEnd: end)
        case .array, .set, .push, .map, .attribute:
            let count = try parseLength(bytes, 1..<end, type: type, allowsNull: type == .array)
            guard count >= 0 else { return (.nullArray, lineLength) }
            guard count <= limits.maximumAggregateCount else {
                throw error(.aggregateTooLong, "expected at most \(limits.maximumAggregateCount) aggregate elements, found \(count)", at: 1)
            }
            let kind: RESPAggregateKind
            switch type {
            case .set: kind = .set
            case .push: kind = .push
            case .map: kind = .map
            case .attribute: kind = .attribute
            default: kind = .array
            }
            return (.aggregate(kind, count: count), lineLength)
        }
    }

    /// Scans a bulk string, bulk error or verbatim string whose header line ends (CR) at `headerEnd`.
    private func scanBlob(_ bytes: UnsafeRawBufferPointer, type: RESPTypeByte, headerEnd: Int) throws -> (token: RESPToken, length: Int)? {
        let length = try parseLength(bytes, 1..<headerEnd, type: type, allowsNull: type == .bulkString)
        guard length >= 0 else { return (.nullBulkString, headerEnd + 2) }
        guard length <= limits.maximumBulkLength else {
            throw error(.bulkTooLong, "expected a length of at most \(limits.maximumBulkLength) bytes, found \(length)", at: 1)
        }
        let start = headerEnd + 2
        let end = start + length
        guard bytes.count >= end + 2 else { return nil }
        guard bytes[end] == .cr, bytes[end + 1] == .lf else {
            let found = bytes[end] == .cr ? bytes[end + 1] : bytes[end]
            throw error(.missingTerminator, "expected CRLF after \(length) bytes of \(Self.name(type)), found \(found.respDescription)", at: bytes[end] == .cr ? end + 1 : end)
        }
        switch type {
        case .bulkError:
            return (.bulkError(start..<end), end + 2)
        case .verbatimString:
            // The format must be printable ASCII, so that it survives as a String (and re-encodes unchanged).
            guard length >= 4, bytes[start + 3] == .colon,
                (start..<start + 3).allSatisfy({ bytes[$0] > 0x20 && bytes[$0] < 0x7F })
            else {
                throw error(.invalidVerbatimString, "expected a three-character ASCII format and ':' at the start of a verbatim string, found \(quoted(bytes, start..<min(end, start + 4)))", at: start)
            }
            return (.verbatimString(format: start..<start + 3, text: start + 4..<end), end + 2)
        default:
            return (.bulkString(start..<end), end + 2)
        }
    }

    /// Finds the CR of the CRLF that ends the line starting at byte 1; nil if the line is not complete yet.
    private func lineEnd(_ bytes: UnsafeRawBufferPointer, type: RESPTypeByte) throws -> Int? {
        let limit = min(bytes.count, 1 + limits.maximumLineLength + 1)
        var index = 1
        while index < limit {
            let byte = bytes[index]
            if byte == .cr {
                guard index + 1 < bytes.count else { return nil }
                guard bytes[index + 1] == .lf else {
                    throw error(.missingTerminator, "expected LF after CR ending a \(Self.name(type)) line, found \(bytes[index + 1].respDescription)", at: index + 1)
                }
                return index
            }
            if byte == .lf {
                throw error(.missingTerminator, "expected CRLF ending a \(Self.name(type)) line, found a bare LF", at: index)
            }
            index += 1
        }
        if bytes.count >= 2 + limits.maximumLineLength {  // every byte where the CR may stand has arrived
            throw error(.lineTooLong, "expected a \(Self.name(type)) line of at most \(limits.maximumLineLength) bytes, found no CRLF", at: 1)
        }
        return nil
    }

    /// Parses a length or count: decimal digits, or `-1` (only where a null is allowed). Returns -1 for null.
    private func parseLength(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, type: RESPTypeByte, allowsNull: Bool) throws -> Int {
        if range.count == 1, bytes[range.lowerBound] == .questionMark {
            throw error(.unsupportedStreamedType, "expected a length after \(Self.name(type)) type byte, found '?' (streamed types are not supported)", at: range.lowerBound)
        }
        if allowsNull, range.count == 2, bytes[range.lowerBound] == .minus, bytes[range.lowerBound + 1] == 0x31 {
            return -1
        }
        guard !range.isEmpty, range.count <= 18 else {
            throw error(.invalidLength, "expected a decimal length for a \(Self.name(type)), found \(quoted(bytes, range))", at: range.lowerBound)
        }
        var value = 0
        for index in range {
            let byte = bytes[index]
            guard byte.isASCIIDigit else {
                throw error(.invalidLength, "expected a decimal length for a \(Self.name(type)), found \(quoted(bytes, range))", at: index)
            }
            value = value &* 10 &+ Int(byte &- .zero)
        }
        return value
    }

    /// Parses a signed 64-bit decimal integer with an optional sign.
    private func parseInteger(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) throws -> Int64 {
        var index = range.lowerBound
        var negative = false
        if index < range.upperBound, bytes[index] == .minus || bytes[index] == .plus {
            negative = bytes[index] == .minus
            index += 1
        }
        guard index < range.upperBound, range.upperBound - index <= 19 else {
            throw error(.invalidInteger, "expected a signed 64-bit decimal integer after ':', found \(quoted(bytes, range))", at: range.lowerBound)
        }
        var magnitude: UInt64 = 0
        while index < range.upperBound {
            let byte = bytes[index]
            guard byte.isASCIIDigit else {
                throw error(.invalidInteger, "expected a signed 64-bit decimal integer after ':', found \(quoted(bytes, range))", at: index)
            }
            magnitude = magnitude &* 10 &+ UInt64(byte &- .zero)  // at most 19 digits: cannot overflow UInt64
            index += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else {
                throw error(.invalidInteger, "expected a signed 64-bit decimal integer after ':', found \(quoted(bytes, range)) (out of range)", at: range.lowerBound)
            }
            return magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else {
            throw error(.invalidInteger, "expected a signed 64-bit decimal integer after ':', found \(quoted(bytes, range)) (out of range)", at: range.lowerBound)
        }
        return Int64(magnitude)
    }

    /// Parses a RESP3 double: a decimal floating-point number, `inf`, `-inf` or `nan`.
    private func parseDouble(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) throws -> Double {
        func invalid() -> RESPProtocolError {
            error(.invalidDouble, "expected a decimal floating-point number, inf, -inf or nan after ',', found \(quoted(bytes, range))", at: range.lowerBound)
        }
        guard !range.isEmpty, range.count <= 400 else { throw invalid() }
        var sawDigit = false
        var sawLetter = false  // other than the exponent's E
        for index in range {
            switch bytes[index] {
            case 0x30...0x39: sawDigit = true
            case .plus, .minus, 0x2E, 0x45, 0x65: break  // + - . E e
            case 0x41...0x5A, 0x61...0x7A: sawLetter = true
            default: throw invalid()
            }
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        if sawLetter {
            switch text.lowercased() {
            case "inf", "+inf": return .infinity
            case "-inf": return -.infinity
            case "nan", "+nan", "-nan": return .nan
            default: throw invalid()
            }
        }
        guard sawDigit, let value = Double(text) else { throw invalid() }
        return value
    }

    /// Checks a RESP3 big number: an optional sign and at least one decimal digit.
    private func validateBigNumber(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) throws {
        var index = range.lowerBound
        if index < range.upperBound, bytes[index] == .minus || bytes[index] == .plus {
            index += 1
        }
        guard index < range.upperBound else {
            throw error(.invalidBigNumber, "expected an optionally signed decimal number after '(', found \(quoted(bytes, range))", at: range.lowerBound)
        }
        while index < range.upperBound {
            guard bytes[index].isASCIIDigit else {
                throw error(.invalidBigNumber, "expected an optionally signed decimal number after '(', found \(quoted(bytes, range))", at: index)
            }
            index += 1
        }
    }

    /// A protocol error at `index` bytes after the first scanned byte.
    private func error(_ code: RESPProtocolError.Code, _ message: String, at index: Int) -> RESPProtocolError {
        RESPProtocolError(code: code, message: message, offset: streamOffset + index)
    }

    /// Up to 32 bytes of `range`, quoted for an error message.
    private func quoted(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        if range.isEmpty { return "an empty line" }
        let shown = range.lowerBound..<min(range.upperBound, range.lowerBound + 32)
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[shown]), as: UTF8.self)
        return text.debugDescription + (shown.count < range.count ? "…" : "")
    }

    /// The RESP type's name for error messages.
    private static func name(_ type: RESPTypeByte) -> String {
        switch type {
        case .simpleString: return "simple string"
        case .simpleError: return "simple error"
        case .integer: return "integer"
        case .bulkString: return "bulk string"
        case .array: return "array"
        case .null: return "null"
        case .boolean: return "boolean"
        case .double: return "double"
        case .bigNumber: return "big number"
        case .bulkError: return "bulk error"
        case .verbatimString: return "verbatim string"
        case .map: return "map"
        case .set: return "set"
        case .attribute: return "attribute"
        case .push: return "push"
        }
    }
}
