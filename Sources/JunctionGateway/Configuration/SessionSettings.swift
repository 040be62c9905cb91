import JunctionRouter

/// Conversations kept by Junction (`session:` in the config): a request naming a session in its
/// `header` has its turns recorded (RedisVL's message history on Redis), and in `append` mode the stored
/// history is put in front of its messages. Requests without the header are served as before.
public struct SessionSettings: Sendable, Equatable {
    /// What a session does.
    public enum Mode: String, Sendable, Equatable {
        /// Record each turn only (the client sends the whole conversation).
        case record
        /// Record, and put the stored history before the request's messages (the client sends only its new
        /// message).
        case append
    }

    /// Whether the session header is honoured. Default true.
    public var enabled: Bool
    /// The request header naming the session. Default `x-junction-session`.
    public var header: String
    /// `record` (default) or `append`.
    public var mode: Mode
    /// Seconds of inactivity after which a session expires (each turn restarts it). Default 3600; nil: never.
    public var ttlSeconds: Int?
    /// At most this many stored messages are put in front of a request in `append` mode. Default 20.
    public var maxMessages: Int
    /// At most about this many tokens of stored history are put in front (the oldest are left out first).
    /// Default 4000.
    public var maxHistoryTokens: Int
    /// The message history's name (the Redis index and key prefix, RedisVL's `name`). Default
    /// `junction_sessions`.
    public var name: String
    /// How routing follows a session's conversation. Default: the last message, no stickiness (as without
    /// a session).
    public var routing: ConversationRouting

    /// Settings; see each property for its default.
    public init(
        enabled: Bool = true, header: String = "x-junction-session", mode: Mode = .record, ttlSeconds: Int? = 3600,
        maxMessages: Int = 20, maxHistoryTokens: Int = 4000, name: String = "junction_sessions", routing: ConversationRouting = ConversationRouting()
    ) {
        self.enabled = enabled
        self.header = header
        self.mode = mode
        self.ttlSeconds = ttlSeconds
        self.maxMessages = maxMessages
        self.maxHistoryTokens = maxHistoryTokens
        self.name = name
        self.routing = routing
    }

    init(_ node: ConfigNode) throws(GatewayError) {
        self.init()
        let members = try node.mapping(allowed: ["enabled", "header", "mode", "ttl_seconds", "max_messages", "max_history_tokens", "name", "routing"])
        if let value = members["enabled"] { enabled = try value.bool() }
        if let value = members["header"] {
            header = try value.nonEmptyString().lowercased()
            guard header.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { throw value.error("must be a header name, got '\(header)'") }
        }
        if let value = members["mode"] {
            let text = try value.string()
            guard let parsed = Mode(rawValue: text) else { throw value.error("must be record or append, got '\(text)'") }
            mode = parsed
        }
        if let value = members["ttl_seconds"] { ttlSeconds = try value.isNull ? nil : value.int(1...Int(Int32.max)) }
        if let value = members["max_messages"] { maxMessages = try value.int(0...10_000) }
        if let value = members["max_history_tokens"] { maxHistoryTokens = try value.int(0...10_000_000) }
        if let value = members["name"] { name = try value.nonEmptyString() }
        if let value = members["routing"], !value.isNull { routing = try Self.routing(value) }
    }

    private static func routing(_ node: ConfigNode) throws(GatewayError) -> ConversationRouting {
        let members = try node.mapping(allowed: ["input", "turns", "decay", "stickiness_margin"])
        let turns = try members["turns"]?.int(1...100) ?? 3
        let decay = try members["decay"]?.double(0...1) ?? 0.7
        var routing = ConversationRouting()
        switch try members["input"]?.string() ?? "last_message" {
        case "last_message": routing.input = .lastMessage
        case "last_turns": routing.input = .lastTurns(turns)
        case "weighted": routing.input = .weighted(turns: turns, decay: decay)
        case let other: throw (members["input"] ?? node).error("must be last_message, last_turns or weighted, got '\(other)'")
        }
        if let value = members["stickiness_margin"], !value.isNull { routing.stickinessMargin = try value.double(0...2) }
        return routing
    }
}
