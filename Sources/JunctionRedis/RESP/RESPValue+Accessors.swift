import NIOCore

extension RESPValue {
    /// The value with any RESP3 attributes that precede it removed.
    public var withoutAttributes: RESPValue {
        var value = self
        while case .attribute(_, let inner) = value {
            value = inner
        }
        return value
    }

    /// The RESP3 attributes sent before this value, or nil when there are none.
    public var attributes: [Pair]? {
        guard case .attribute(let pairs, let inner) = self else { return nil }
        guard let innerPairs = inner.attributes else { return pairs }
        return pairs + innerPairs
    }

    /// The bytes of a simple string, a non-null bulk string or a verbatim string's text; nil for other types.
    public var bytes: ByteBuffer? {
        switch withoutAttributes {
        case .simpleString(let buffer), .bulkString(.some(let buffer)), .verbatimString(_, let buffer):
            return buffer
        default:
            return nil
        }
    }

    /// A simple string, non-null bulk string or verbatim string's text decoded as UTF-8; nil for other types.
    ///
    /// Invalid UTF-8 is repaired with replacement characters; use ``bytes`` for binary data.
    public var string: String? {
        bytes.map { String(buffer: $0) }
    }

    /// An integer reply as `Int`; nil for other types.
    public var int: Int? {
        guard case .integer(let value) = withoutAttributes else { return nil }
        return Int(exactly: value)
    }

    /// A RESP3 double; nil for other types.
    public var double: Double? {
        guard case .double(let value) = withoutAttributes else { return nil }
        return value
    }

    /// A RESP3 boolean; nil for other types.
    public var bool: Bool? {
        guard case .boolean(let value) = withoutAttributes else { return nil }
        return value
    }

    /// The decimal digits of a RESP3 big number; nil for other types.
    public var bigNumber: String? {
        guard case .bigNumber(let digits) = withoutAttributes else { return nil }
        return digits
    }

    /// The elements of a non-null array, a set or a push message; nil for other types.
    public var array: [RESPValue]? {
        switch withoutAttributes {
        case .array(.some(let elements)), .set(let elements), .push(let elements):
            return elements
        default:
            return nil
        }
    }

    /// The key-value pairs of a RESP3 map, in the order the server sent them; nil for other types.
    public var map: [Pair]? {
        guard case .map(let pairs) = withoutAttributes else { return nil }
        return pairs
    }

    /// A scalar as text: strings as they are (invalid UTF-8 repaired), integers in decimal, doubles as Swift
    /// prints them, big numbers' digits; nil for aggregates, nulls and errors.
    ///
    /// The lenient reader for replies whose scalars change type with the protocol version (`FT.INFO` sends
    /// `num_docs` as a string in RESP2 and a number in RESP3, for example).
    public var text: String? {
        if let string { return string }
        if let int { return String(int) }
        if let double { return String(double) }
        return bigNumber
    }

    /// The pairs of a record, keys as ``text``: a RESP3 map, or a RESP2 flat array of even length
    /// (`[key, value, ...]`); nil for other types. Pairs whose key is not a scalar are left out.
    public var keyValuePairs: [(key: String, value: RESPValue)]? {
        if let map {
            return map.compactMap { pair in pair.key.text.map { (key: $0, value: pair.value) } }
        }
        guard let array, array.count.isMultiple(of: 2) else { return nil }
        return stride(from: 0, to: array.count, by: 2).compactMap { index in
            array[index].text.map { (key: $0, value: array[index + 1]) }
        }
    }

    /// The value of the first pair of ``keyValuePairs`` whose key is `key`; nil when there is none or this
    /// is not a record.
    public func value(forKey key: String) -> RESPValue? {
        keyValuePairs?.first { $0.key == key }?.value
    }

    /// Whether this is a RESP3 null, a RESP2 null bulk string or a RESP2 null array.
    public var isNull: Bool {
        switch withoutAttributes {
        case .null, .bulkString(.none), .array(.none):
            return true
        default:
            return false
        }
    }

    /// The server error carried by a simple error or bulk error reply; nil for other types.
    public var error: RESPError? {
        switch withoutAttributes {
        case .simpleError(let buffer), .bulkError(let buffer):
            return RESPError(text: String(buffer: buffer))
        default:
            return nil
        }
    }
}
