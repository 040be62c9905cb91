import NIOCore

/// `HSET key field value [field value ...]`: how many fields were added (updated fields do not count).
public struct HSET: RedisCommand {
    public var key: String
    public var fields: [(field: String, value: RESPCommandArgument)]

    /// Sets `fields` of the hash at `key`, in the given order.
    public init(_ key: String, fields: [(field: String, value: RESPCommandArgument)]) {
        self.key = key
        self.fields = fields
    }

    /// Sets one field of the hash at `key`.
    public init(_ key: String, field: String, value: RESPCommandArgument) {
        self.init(key, fields: [(field, value)])
    }

    public var arguments: [RESPCommandArgument] {
        var arguments: [RESPCommandArgument] = ["HSET", .string(key)]
        arguments.reserveCapacity(2 + fields.count * 2)
        for (field, value) in fields {
            arguments.append(.string(field))
            arguments.append(value)
        }
        return arguments
    }

    public func decode(_ reply: RESPValue) throws(RedisError) -> Int {
        try reply.decodeInt(for: "HSET")
    }
}

/// `HGET key field`: the field's value, or nil when the field or key does not exist.
public struct HGET: RedisCommand {
    public var key: String
    public var field: String

    /// Reads `field` of the hash at `key`.
    public init(_ key: String, field: String) {
        self.key = key
        self.field = field
    }

    public var arguments: [RESPCommandArgument] { ["HGET", .string(key), .string(field)] }

    public func decode(_ reply: RESPValue) throws(RedisError) -> ByteBuffer? {
        try reply.decodeOptionalBytes(for: "HGET")
    }
}

/// `HGETALL key`: every field and value of the hash (empty when the key does not exist).
///
/// Values are bytes (`ByteBuffer`), since hash fields often hold binary data such as vectors;
/// `String(buffer:)` reads text.
public struct HGETALL: RedisCommand {
    public var key: String

    /// Reads the whole hash at `key`.
    public init(_ key: String) {
        self.key = key
    }

    public var arguments: [RESPCommandArgument] { ["HGETALL", .string(key)] }

    public func decode(_ reply: RESPValue) throws(RedisError) -> [String: ByteBuffer] {
        var fields: [String: ByteBuffer] = [:]
        for pair in try reply.decodePairs(for: "HGETALL") {
            guard let field = pair.key.string, let value = pair.value.bytes else {
                throw .unexpectedReply("HGETALL", expected: "string fields and values", got: reply)
            }
            fields[field] = value
        }
        return fields
    }
}
