import NIOCore

/// `GET key`: the value, or nil when the key does not exist.
public struct GET: RedisCommand {
    public var key: String

    /// Reads `key`.
    public init(_ key: String) {
        self.key = key
    }

    public var arguments: [RESPCommandArgument] { ["GET", .string(key)] }

    public func decode(_ reply: RESPValue) throws(RedisError) -> ByteBuffer? {
        try reply.decodeOptionalBytes(for: "GET")
    }
}

/// `SET key value [NX|XX] [EX seconds|PX milliseconds]`: true when the value was set, false when a condition
/// (`NX`, `XX`) prevented it.
public struct SET: RedisCommand {
    /// When the key expires.
    public enum Expiration: Sendable, Hashable {
        /// `EX seconds`.
        case seconds(Int)
        /// `PX milliseconds`.
        case milliseconds(Int)
    }

    /// When to set the value.
    public enum Condition: Sendable, Hashable {
        /// `NX`: only if the key does not exist.
        case ifNotExists
        /// `XX`: only if the key exists.
        case ifExists
    }

    public var key: String
    public var value: RESPCommandArgument
    public var expiration: Expiration?
    public var condition: Condition?

    /// Sets `key` to `value`, optionally with an expiration and a condition.
    public init(_ key: String, value: RESPCommandArgument, expiration: Expiration? = nil, condition: Condition? = nil) {
        self.key = key
        self.value = value
        self.expiration = expiration
        self.condition = condition
    }

    public var arguments: [RESPCommandArgument] {
        var arguments: [RESPCommandArgument] = ["SET", .string(key), value]
        switch condition {
        case .ifNotExists: arguments.append("NX")
        case .ifExists: arguments.append("XX")
        case nil: break
        }
        switch expiration {
        case .seconds(let seconds): arguments += ["EX", .integer(seconds)]
        case .milliseconds(let milliseconds): arguments += ["PX", .integer(milliseconds)]
        case nil: break
        }
        return arguments
    }

    public func decode(_ reply: RESPValue) throws(RedisError) -> Bool {
        if reply.isNull { return false }
        try reply.decodeOK(for: "SET")
        return true
    }
}
