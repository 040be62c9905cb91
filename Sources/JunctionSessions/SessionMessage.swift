import Foundation

/// One message of a conversation as RedisVL's `MessageHistory` stores it: `entry_id`
/// (`{session}:{timestamp}:{8 hex}`), `role` (`user`, `assistant`, `system`, `tool`), `content`,
/// `timestamp` (Unix seconds, fractional), and optionally `tool_call_id` and `metadata` (JSON text).
public struct SessionMessage: Sendable, Equatable {
    /// RedisVL's entry id.
    public var id: String
    /// The role.
    public var role: String
    /// The text.
    public var content: String
    /// When it was stored, Unix seconds.
    public var timestamp: Double
    /// The tool call it answers, for `tool` messages.
    public var toolCallID: String?
    /// Free JSON text.
    public var metadata: String?

    /// A message; `id` defaults to RedisVL's `{session}:{timestamp}:{8 random hex digits}`.
    public init(session: String, role: String, content: String, timestamp: Double = Date().timeIntervalSince1970,
                toolCallID: String? = nil, metadata: String? = nil, id: String? = nil) {
        self.timestamp = timestamp
        self.id = id ?? "\(session):\(timestamp):\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(8))"
        self.role = role
        self.content = content
        self.toolCallID = toolCallID
        self.metadata = metadata
    }
}
