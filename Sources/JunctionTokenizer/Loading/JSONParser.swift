/// A small strict JSON parser (RFC 8259) producing ``JSONValue``.
struct JSONParser {
    /// A syntax error at a byte offset.
    struct SyntaxError: Error, Equatable {
        /// What was expected or found.
        var reason: String
        /// Byte offset in the input.
        var offset: Int
    }

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    private static let maximumDepth = 512

    /// Parses a complete document.
    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipByteOrderMark()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == bytes.count else {
            throw SyntaxError(reason: "unexpected data after the document", offset: parser.index)
        }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func skipByteOrderMark() {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) {
            index += 1
        }
    }

    private mutating func parseValue() throws(SyntaxError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else {
            throw SyntaxError(reason: "unexpected end of data", offset: index)
        }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseContainer(isObject: true)
        case UInt8(ascii: "["): return try parseContainer(isObject: false)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw SyntaxError(reason: "unexpected character", offset: index)
        }
    }

    private mutating func parseLiteral(_ word: String, _ value: JSONValue) throws(SyntaxError) -> JSONValue {
        let expected = Array(word.utf8)
        guard bytes.count - index >= expected.count, bytes[index..<index + expected.count].elementsEqual(expected)
        else {
            throw SyntaxError(reason: "invalid literal", offset: index)
        }
        index += expected.count
        return value
    }

    private mutating func parseContainer(isObject: Bool) throws(SyntaxError) -> JSONValue {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw SyntaxError(reason: "nesting too deep", offset: index)
        }
        let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == close {
            index += 1
            return isObject ? .object(members) : .array(elements)
        }
        while true {
            if isObject {
                skipWhitespace()
                guard index < bytes.count && bytes[index] == UInt8(ascii: "\"") else {
                    throw SyntaxError(reason: "expected a string key", offset: index)
                }
                let key = try parseString()
                skipWhitespace()
                guard index < bytes.count && bytes[index] == UInt8(ascii: ":") else {
                    throw SyntaxError(reason: "expected ':'", offset: index)
                }
                index += 1
                members.append((key, try parseValue()))
            } else {
                elements.append(try parseValue())
            }
            skipWhitespace()
            guard index < bytes.count else {
                throw SyntaxError(reason: "unexpected end of data", offset: index)
            }
            if bytes[index] == close {
                index += 1
                return isObject ? .object(members) : .array(elements)
            }
            guard bytes[index] == UInt8(ascii: ",") else {
                throw SyntaxError(reason: "expected ',' or a closing bracket", offset: index)
            }
            index += 1
        }
    }

    private mutating func parseNumber() throws(SyntaxError) -> JSONValue {
        let start = index
        var isIntegral = true
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else {
            throw SyntaxError(reason: "invalid number", offset: start)
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            isIntegral = false
            guard digits() > 0 else { throw SyntaxError(reason: "invalid number", offset: start) }
        }
        if index < bytes.count && (bytes[index] | 0x20) == UInt8(ascii: "e") {
            index += 1
            isIntegral = false
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                index += 1
            }
            guard digits() > 0 else { throw SyntaxError(reason: "invalid number", offset: start) }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isIntegral, let value = Int(text) {
            return .integer(value)
        }
        guard let value = Double(text) else {
            throw SyntaxError(reason: "invalid number", offset: start)
        }
        return .number(value)
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") {
            index += 1
        }
        return index - start
    }

    private mutating func parseString() throws(SyntaxError) -> String {
        let start = index
        index += 1
        var buffer: [UInt8] = []
        var runStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                buffer.append(contentsOf: bytes[runStart..<index])
                index += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            guard byte >= 0x20 else {
                throw SyntaxError(reason: "control character in string", offset: index)
            }
            if byte == UInt8(ascii: "\\") {
                buffer.append(contentsOf: bytes[runStart..<index])
                try parseEscape(into: &buffer)
                runStart = index
            } else {
                index += 1
            }
        }
        throw SyntaxError(reason: "unterminated string", offset: start)
    }

    private mutating func parseEscape(into buffer: inout [UInt8]) throws(SyntaxError) {
        let start = index
        index += 1
        guard index < bytes.count else {
            throw SyntaxError(reason: "unterminated escape", offset: start)
        }
        let code = bytes[index]
        index += 1
        switch code {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(code)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var value = try hexQuad(at: start)
            if value >= 0xD800 && value < 0xDC00 {
                guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u")
                else {
                    throw SyntaxError(reason: "unpaired surrogate escape", offset: start)
                }
                index += 2
                let low = try hexQuad(at: start)
                guard low >= 0xDC00 && low < 0xE000 else {
                    throw SyntaxError(reason: "unpaired surrogate escape", offset: start)
                }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            } else if value >= 0xDC00 && value < 0xE000 {
                throw SyntaxError(reason: "unpaired surrogate escape", offset: start)
            }
            UTF8Buffer.append(value, to: &buffer)
        default:
            throw SyntaxError(reason: "invalid escape", offset: start)
        }
    }

    private mutating func hexQuad(at start: Int) throws(SyntaxError) -> UInt32 {
        guard bytes.count - index >= 4 else {
            throw SyntaxError(reason: "invalid \\u escape", offset: start)
        }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw SyntaxError(reason: "invalid \\u escape", offset: start)
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}
