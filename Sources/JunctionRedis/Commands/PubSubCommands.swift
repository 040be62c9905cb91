import NIOCore

/// `PUBLISH channel message`: how many subscribers received the message.
public struct PUBLISH: RedisCommand {
    public var channel: String
    public var message: RESPCommandArgument

    /// Publishes `message` on `channel`.
    public init(_ channel: String, message: RESPCommandArgument) {
        self.channel = channel
        self.message = message
    }

    public var arguments: [RESPCommandArgument] { ["PUBLISH", .string(channel), message] }

    public func decode(_ reply: RESPValue) throws(RedisError) -> Int {
        try reply.decodeInt(for: "PUBLISH")
    }
}

/// A message received by a subscription (see ``RedisClient/subscribe(to:)``).
public struct RedisPubSubMessage: Sendable, Equatable {
    /// The channel the message was published on.
    public var channel: String
    /// The pattern that matched the channel, for pattern subscriptions (``RedisClient/subscribe(toPatterns:)``).
    public var pattern: String?
    /// The message as published.
    public var payload: ByteBuffer

    /// Creates a message.
    public init(channel: String, pattern: String? = nil, payload: ByteBuffer) {
        self.channel = channel
        self.pattern = pattern
        self.payload = payload
    }

    /// Reads a RESP3 push `["message", channel, payload]` or `["pmessage", pattern, channel, payload]`;
    /// nil for other pushes (subscription confirmations, invalidations).
    init?(push: RESPValue) {
        guard let elements = push.array, let kind = elements.first?.string?.lowercased() else { return nil }
        switch kind {
        case "message", "smessage":
            guard elements.count == 3, let channel = elements[1].string, let payload = elements[2].bytes else { return nil }
            self.init(channel: channel, payload: payload)
        case "pmessage":
            guard elements.count == 4, let pattern = elements[1].string, let channel = elements[2].string,
                let payload = elements[3].bytes
            else { return nil }
            self.init(channel: channel, pattern: pattern, payload: payload)
        default:
            return nil
        }
    }
}
