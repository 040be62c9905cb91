import NIOCore

extension RESPValue {
    /// A bulk string holding the UTF-8 bytes of `string`.
    public static func bulkString(_ string: String) -> RESPValue {
        .bulkString(ByteBuffer(string: string))
    }

    /// A simple string holding `string`, which must not contain CR or LF.
    public static func simpleString(_ string: String) -> RESPValue {
        .simpleString(ByteBuffer(string: string))
    }

    /// A simple error reply holding `text`, e.g. `"ERR unknown command"`; it must not contain CR or LF.
    public static func simpleError(_ text: String) -> RESPValue {
        .simpleError(ByteBuffer(string: text))
    }

    /// A RESP3 bulk error holding `text`.
    public static func bulkError(_ text: String) -> RESPValue {
        .bulkError(ByteBuffer(string: text))
    }

    /// A RESP3 verbatim string with a three-byte `format` (`txt`, `mkd`) and `text`.
    public static func verbatimString(format: String, text: String) -> RESPValue {
        .verbatimString(format: format, text: ByteBuffer(string: text))
    }
}

/// A string literal is a bulk string.
extension RESPValue: ExpressibleByStringLiteral {
    /// Creates a bulk string from a string literal.
    public init(stringLiteral value: String) {
        self = .bulkString(ByteBuffer(string: value))
    }
}

/// An integer literal is an integer reply.
extension RESPValue: ExpressibleByIntegerLiteral {
    /// Creates an integer from an integer literal.
    public init(integerLiteral value: Int64) {
        self = .integer(value)
    }
}

/// A floating-point literal is a RESP3 double.
extension RESPValue: ExpressibleByFloatLiteral {
    /// Creates a double from a floating-point literal.
    public init(floatLiteral value: Double) {
        self = .double(value)
    }
}

/// A Boolean literal is a RESP3 boolean.
extension RESPValue: ExpressibleByBooleanLiteral {
    /// Creates a boolean from a Boolean literal.
    public init(booleanLiteral value: Bool) {
        self = .boolean(value)
    }
}

/// An array literal is a (non-null) array.
extension RESPValue: ExpressibleByArrayLiteral {
    /// Creates an array from an array literal.
    public init(arrayLiteral elements: RESPValue...) {
        self = .array(elements)
    }
}

/// A dictionary literal is a RESP3 map, keeping the literal's order.
extension RESPValue: ExpressibleByDictionaryLiteral {
    /// Creates a map from a dictionary literal.
    public init(dictionaryLiteral elements: (RESPValue, RESPValue)...) {
        self = .map(elements.map { (key: $0.0, value: $0.1) })
    }
}
