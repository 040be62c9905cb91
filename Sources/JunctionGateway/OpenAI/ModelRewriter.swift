import Foundation
import JunctionJSON

/// Rewrites the top-level `"model"` of a JSON object at the byte level: every other byte of the body stays
/// as the client sent it (key order, spacing, unknown fields, number spelling), and no JSON tree is built.
enum ModelRewriter {
    /// `body` with its top-level `model` value replaced by `model` (a JSON string), or nil when the body has
    /// no top-level `model` string. The body must be valid JSON (the request decoder checked it).
    static func rewrite(_ body: [UInt8], model: String) -> [UInt8]? {
        guard let range = valueRange(of: "model", in: body) else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(body.count + model.utf8.count)
        result.append(contentsOf: body[..<range.lowerBound])
        result.append(contentsOf: JSONText.quote(model).utf8)
        result.append(contentsOf: body[range.upperBound...])
        return result
    }

    /// The byte range of the value of the top-level member `key` (the last one, as JSON decoders keep it).
    static func valueRange(of key: String, in body: [UInt8]) -> Range<Int>? {
        let target = Array(key.utf8)
        var scanner = Scanner(bytes: body)
        scanner.skipWhitespace()
        guard scanner.consume(UInt8(ascii: "{")) else { return nil }
        var found: Range<Int>?
        while true {
            scanner.skipWhitespace()
            if scanner.consume(UInt8(ascii: "}")) { return found }
            guard let name = scanner.string() else { return nil }
            scanner.skipWhitespace()
            guard scanner.consume(UInt8(ascii: ":")) else { return nil }
            scanner.skipWhitespace()
            let start = scanner.position
            guard scanner.skipValue() else { return nil }
            if body[name].elementsEqual(target) { found = start..<scanner.position }
            scanner.skipWhitespace()
            if scanner.consume(UInt8(ascii: ",")) { continue }
            return scanner.consume(UInt8(ascii: "}")) ? found : nil
        }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var position = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func skipWhitespace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func consume(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        /// Skips a string; returns the range of its raw contents (escapes left as they are).
        mutating func string() -> Range<Int>? {
            guard consume(UInt8(ascii: "\"")) else { return nil }
            let start = position
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "\\"): position += 2
                case UInt8(ascii: "\""):
                    position += 1
                    return start..<(position - 1)
                default: position += 1
                }
            }
            return nil
        }

        /// Skips any value: strings, nested objects and arrays (brackets inside strings ignored), literals.
        mutating func skipValue() -> Bool {
            guard position < bytes.count else { return false }
            switch bytes[position] {
            case UInt8(ascii: "\""): return string() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while position < bytes.count {
                    switch bytes[position] {
                    case UInt8(ascii: "\""):
                        guard string() != nil else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            position += 1
                            return true
                        }
                    default: break
                    }
                    position += 1
                }
                return false
            default:
                let start = position
                while position < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) {
                    position += 1
                }
                return position > start
            }
        }
    }
}
