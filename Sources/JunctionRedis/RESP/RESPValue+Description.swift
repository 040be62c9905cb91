import NIOCore

/// A compact, readable rendering for logs of protocol bugs and test failures, e.g. `["foo", :1, _]`.
///
/// Payloads are shown as (lossy) UTF-8 and long strings are cut; never log values that may hold user data.
extension RESPValue: CustomStringConvertible {
    /// The value in a compact notation: `+` simple, `-` error, `:` integer, quoted bulk, `[...]` array, `{...}` map.
    public var description: String {
        var output = ""
        describe(into: &output)
        return output
    }

    private func describe(into output: inout String) {
        switch self {
        case .simpleString(let buffer):
            output += "+" + Self.quoted(buffer)
        case .simpleError(let buffer):
            output += "-" + Self.quoted(buffer)
        case .integer(let value):
            output += ":\(value)"
        case .bulkString(.some(let buffer)):
            output += Self.quoted(buffer)
        case .bulkString(.none):
            output += "$nil"
        case .array(.some(let elements)):
            Self.describe(elements, open: "[", close: "]", into: &output)
        case .array(.none):
            output += "*nil"
        case .null:
            output += "_"
        case .boolean(let value):
            output += value ? "#t" : "#f"
        case .double(let value):
            output += ",\(value)"
        case .bigNumber(let digits):
            output += "(\(digits)"
        case .bulkError(let buffer):
            output += "!" + Self.quoted(buffer)
        case .verbatimString(let format, let text):
            output += "=\(format):" + Self.quoted(text)
        case .map(let pairs):
            Self.describe(pairs, open: "{", close: "}", into: &output)
        case .set(let elements):
            Self.describe(elements, open: "~[", close: "]", into: &output)
        case .attribute(let pairs, let value):
            Self.describe(pairs, open: "|{", close: "} ", into: &output)
            value.describe(into: &output)
        case .push(let elements):
            Self.describe(elements, open: ">[", close: "]", into: &output)
        }
    }

    private static func describe(_ elements: [RESPValue], open: String, close: String, into output: inout String) {
        output += open
        for (index, element) in elements.enumerated() {
            if index > 0 { output += ", " }
            element.describe(into: &output)
        }
        output += close
    }

    private static func describe(_ pairs: [Pair], open: String, close: String, into output: inout String) {
        output += open
        for (index, pair) in pairs.enumerated() {
            if index > 0 { output += ", " }
            pair.key.describe(into: &output)
            output += ": "
            pair.value.describe(into: &output)
        }
        output += close
    }

    private static func quoted(_ buffer: ByteBuffer) -> String {
        let limit = 64
        let shown = buffer.getSlice(at: buffer.readerIndex, length: min(limit, buffer.readableBytes)) ?? buffer
        let text = String(buffer: shown).debugDescription
        return buffer.readableBytes > limit ? text + "…(\(buffer.readableBytes) bytes)" : text
    }
}
