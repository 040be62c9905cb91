/// `DEL key [key ...]`: how many of the keys existed and were removed.
public struct DEL: RedisCommand {
    public var keys: [String]

    /// Removes `keys`.
    public init(_ keys: [String]) {
        self.keys = keys
    }

    /// Removes `keys`.
    public init(_ keys: String...) {
        self.keys = keys
    }

    public var arguments: [RESPCommandArgument] { ["DEL"] + keys.map { .string($0) } }

    public func decode(_ reply: RESPValue) throws(RedisError) -> Int {
        try reply.decodeInt(for: "DEL")
    }
}

/// `EXISTS key [key ...]`: how many of the keys exist (a key named twice counts twice).
public struct EXISTS: RedisCommand {
    public var keys: [String]

    /// Counts which of `keys` exist.
    public init(_ keys: [String]) {
        self.keys = keys
    }

    /// Counts which of `keys` exist.
    public init(_ keys: String...) {
        self.keys = keys
    }

    public var arguments: [RESPCommandArgument] { ["EXISTS"] + keys.map { .string($0) } }

    public func decode(_ reply: RESPValue) throws(RedisError) -> Int {
        try reply.decodeInt(for: "EXISTS")
    }
}

/// `EXPIRE key seconds`: true when the timeout was set, false when the key does not exist.
public struct EXPIRE: RedisCommand {
    public var key: String
    public var seconds: Int

    /// Makes `key` expire in `seconds`.
    public init(_ key: String, seconds: Int) {
        self.key = key
        self.seconds = seconds
    }

    public var arguments: [RESPCommandArgument] { ["EXPIRE", .string(key), .integer(seconds)] }

    public func decode(_ reply: RESPValue) throws(RedisError) -> Bool {
        try reply.decodeBool(for: "EXPIRE")
    }
}

/// `PEXPIRE key milliseconds`: true when the timeout was set, false when the key does not exist.
public struct PEXPIRE: RedisCommand {
    public var key: String
    public var milliseconds: Int

    /// Makes `key` expire in `milliseconds`.
    public init(_ key: String, milliseconds: Int) {
        self.key = key
        self.milliseconds = milliseconds
    }

    public var arguments: [RESPCommandArgument] { ["PEXPIRE", .string(key), .integer(milliseconds)] }

    public func decode(_ reply: RESPValue) throws(RedisError) -> Bool {
        try reply.decodeBool(for: "PEXPIRE")
    }
}

/// When a key expires, as `TTL` and `PTTL` report it.
public enum RedisKeyExpiry: Sendable, Hashable {
    /// The key does not exist (Redis replies -2).
    case noKey
    /// The key exists and never expires (Redis replies -1).
    case persistent
    /// The key expires after this long.
    case expires(in: Duration)

    init(reply: RESPValue, command: String, unit: Duration) throws(RedisError) {
        switch try reply.decodeInt(for: command) {
        case -2: self = .noKey
        case -1: self = .persistent
        case let remaining where remaining >= 0: self = .expires(in: unit * remaining)
        default: throw .unexpectedReply(command, expected: "-2, -1 or a non-negative integer", got: reply)
        }
    }
}

/// `TTL key`: the remaining time to live, in whole seconds.
public struct TTL: RedisCommand {
    public var key: String

    /// Reads the time to live of `key`.
    public init(_ key: String) {
        self.key = key
    }

    public var arguments: [RESPCommandArgument] { ["TTL", .string(key)] }

    public func decode(_ reply: RESPValue) throws(RedisError) -> RedisKeyExpiry {
        try RedisKeyExpiry(reply: reply, command: "TTL", unit: .seconds(1))
    }
}

/// `PTTL key`: the remaining time to live, in milliseconds.
public struct PTTL: RedisCommand {
    public var key: String

    /// Reads the time to live of `key`.
    public init(_ key: String) {
        self.key = key
    }

    public var arguments: [RESPCommandArgument] { ["PTTL", .string(key)] }

    public func decode(_ reply: RESPValue) throws(RedisError) -> RedisKeyExpiry {
        try RedisKeyExpiry(reply: reply, command: "PTTL", unit: .milliseconds(1))
    }
}

/// `PING`: true on `PONG`.
public struct PING: RedisCommand {
    /// Pings the server.
    public init() {}

    public var arguments: [RESPCommandArgument] { ["PING"] }

    public func decode(_ reply: RESPValue) throws(RedisError) -> Bool {
        guard reply.string == "PONG" else { throw .unexpectedReply("PING", expected: "PONG", got: reply) }
        return true
    }
}

/// `SCAN cursor [MATCH pattern] [COUNT count]`: one page of keys and the cursor of the next page (`"0"` when the
/// iteration is complete). A key may come back on more than one page; a page may be empty before the end.
public struct SCAN: RedisCommand {
    /// One page of a `SCAN` iteration.
    public struct Page: Sendable, Equatable {
        /// The cursor to pass to the next `SCAN`; `"0"` when every key has been returned.
        public var cursor: String
        /// The keys of this page (as UTF-8 text).
        public var keys: [String]

        /// Creates a page.
        public init(cursor: String, keys: [String]) {
            self.cursor = cursor
            self.keys = keys
        }
    }

    public var cursor: String
    /// `MATCH`: a glob pattern keys must match; nil for every key.
    public var pattern: String?
    /// `COUNT`: how much work one call does (a hint, not the page size); nil for Redis's default (10).
    public var count: Int?

    /// The page of keys at `cursor` (`"0"` to start), matching `pattern`.
    public init(cursor: String = "0", match pattern: String? = nil, count: Int? = nil) {
        self.cursor = cursor
        self.pattern = pattern
        self.count = count
    }

    public var arguments: [RESPCommandArgument] {
        var arguments: [RESPCommandArgument] = ["SCAN", .string(cursor)]
        if let pattern { arguments += ["MATCH", .string(pattern)] }
        if let count { arguments += ["COUNT", .integer(count)] }
        return arguments
    }

    public func decode(_ reply: RESPValue) throws(RedisError) -> Page {
        let elements = try reply.decodeArray(for: "SCAN")
        guard elements.count == 2, let cursor = elements[0].string, let keys = elements[1].array else {
            throw .unexpectedReply("SCAN", expected: "a cursor and an array of keys", got: reply)
        }
        var page = Page(cursor: cursor, keys: [])
        page.keys.reserveCapacity(keys.count)
        for key in keys {
            guard let text = key.string else { throw .unexpectedReply("SCAN", expected: "keys as strings", got: key) }
            page.keys.append(text)
        }
        return page
    }
}
