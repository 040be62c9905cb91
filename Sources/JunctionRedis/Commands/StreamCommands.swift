import NIOCore

/// One entry of a stream: its id and its fields in the order they were added.
public struct StreamEntry: Sendable {
    /// The entry's id, `milliseconds-sequence`.
    public var id: String
    /// The fields and values, in order (a field may repeat).
    public var fields: [(field: String, value: ByteBuffer)]

    /// Creates an entry.
    public init(id: String, fields: [(field: String, value: ByteBuffer)]) {
        self.id = id
        self.fields = fields
    }

    /// The value of the first field named `field`.
    public subscript(field: String) -> ByteBuffer? {
        fields.first(where: { $0.field == field })?.value
    }
}

/// `XADD key [MAXLEN [~] n] id|* field value [field value ...]`: the new entry's id.
public struct XADD: RedisCommand {
    /// A cap on the stream's length, applied as the entry is added.
    public struct MaxLength: Sendable, Hashable {
        public var count: Int
        /// `~`: trim lazily, keeping at least `count` entries (much cheaper).
        public var approximate: Bool

        /// Caps the stream at `count` entries, approximately (`~`) unless told otherwise.
        public init(_ count: Int, approximate: Bool = true) {
            self.count = count
            self.approximate = approximate
        }
    }

    public var key: String
    /// The entry's id; `*` lets Redis pick one.
    public var id: String
    public var fields: [(field: String, value: RESPCommandArgument)]
    public var maxLength: MaxLength?

    /// Appends an entry with `fields` to the stream at `key`.
    public init(_ key: String, id: String = "*", fields: [(field: String, value: RESPCommandArgument)], maxLength: MaxLength? = nil) {
        self.key = key
        self.id = id
        self.fields = fields
        self.maxLength = maxLength
    }

    public var arguments: [RESPCommandArgument] {
        var arguments: [RESPCommandArgument] = ["XADD", .string(key)]
        if let maxLength {
            arguments.append("MAXLEN")
            if maxLength.approximate { arguments.append("~") }
            arguments.append(.integer(maxLength.count))
        }
        arguments.append(.string(id))
        for (field, value) in fields {
            arguments += [.string(field), value]
        }
        return arguments
    }

    public func decode(_ reply: RESPValue) throws(RedisError) -> String {
        try reply.decodeString(for: "XADD")
    }
}

/// `XRANGE key start end [COUNT n]`: the entries with ids from `start` to `end` (`-` and `+` for the ends).
public struct XRANGE: RedisCommand {
    public var key: String
    public var start: String
    public var end: String
    public var count: Int?

    /// Reads entries of the stream at `key`, oldest first.
    public init(_ key: String, start: String = "-", end: String = "+", count: Int? = nil) {
        self.key = key
        self.start = start
        self.end = end
        self.count = count
    }

    public var arguments: [RESPCommandArgument] {
        var arguments: [RESPCommandArgument] = ["XRANGE", .string(key), .string(start), .string(end)]
        if let count {
            arguments += ["COUNT", .integer(count)]
        }
        return arguments
    }

    public func decode(_ reply: RESPValue) throws(RedisError) -> [StreamEntry] {
        try reply.decodeArray(for: "XRANGE").map { (entry: RESPValue) throws(RedisError) -> StreamEntry in
            guard let parts = entry.array, parts.count == 2, let id = parts[0].string else {
                throw .unexpectedReply("XRANGE", expected: "entries of [id, [field, value, ...]]", got: entry)
            }
            let fields = try parts[1].decodePairs(for: "XRANGE").map { (pair: RESPValue.Pair) throws(RedisError) -> (field: String, value: ByteBuffer) in
                guard let field = pair.key.string, let value = pair.value.bytes else {
                    throw .unexpectedReply("XRANGE", expected: "string fields and values", got: entry)
                }
                return (field, value)
            }
            return StreamEntry(id: id, fields: fields)
        }
    }
}

/// `XLEN key`: the number of entries in the stream (0 when the key does not exist).
public struct XLEN: RedisCommand {
    public var key: String

    /// Counts the entries of the stream at `key`.
    public init(_ key: String) {
        self.key = key
    }

    public var arguments: [RESPCommandArgument] { ["XLEN", .string(key)] }

    public func decode(_ reply: RESPValue) throws(RedisError) -> Int {
        try reply.decodeInt(for: "XLEN")
    }
}
