/// An error reply from the server (`-ERR ...` or a RESP3 bulk error `!...`), carrying Redis's error text.
///
/// By convention the text starts with an upper-case code (`ERR`, `WRONGTYPE`, `NOSCRIPT`, `MOVED`, ...) that
/// names the kind of error; it is split off into ``code``. Text without such a prefix (some module errors)
/// gets the generic code `ERR` and keeps its whole text as ``message``.
public struct RESPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error code: the leading upper-case word of the reply, or `ERR` when there is none.
    public let code: String
    /// The error text after the code (the whole text when the reply has no code).
    public let message: String
    /// The reply's text exactly as the server sent it.
    public let text: String

    /// Parses an error reply's text, splitting off its leading upper-case code.
    public init(text: String) {
        self.text = text
        if let (code, message) = Self.split(text) {
            self.code = code
            self.message = message
        } else {
            self.code = "ERR"
            self.message = text
        }
    }

    /// Creates an error from its code and message; ``text`` is the two joined by a space.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
        self.text = message.isEmpty ? code : "\(code) \(message)"
    }

    /// The reply's text, as the server sent it.
    public var description: String { text }

    /// Splits `"WRONGTYPE Operation ..."` into `("WRONGTYPE", "Operation ...")`; nil when there is no code word.
    private static func split(_ text: String) -> (String, String)? {
        let utf8 = text.utf8
        var end = utf8.startIndex
        while end != utf8.endIndex, Self.isCodeByte(utf8[end]) {
            utf8.formIndex(after: &end)
        }
        guard end != utf8.startIndex else { return nil }
        // The code must be a whole word: followed by a space or the end of the text.
        var messageStart = end
        if end != utf8.endIndex {
            guard utf8[end] == 0x20 else { return nil }
            utf8.formIndex(after: &messageStart)
        }
        // A code must contain at least one letter ("123 ..." is not a code).
        guard utf8[utf8.startIndex..<end].contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return nil }
        return (String(text[..<end]), String(text[messageStart...]))
    }

    /// Upper-case ASCII letters, digits and `_` make up an error code.
    private static func isCodeByte(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || byte.isASCIIDigit || byte == 0x5F
    }
}
