import JunctionSessions

/// A request's session, once opened: its id, owner and route, the stored history put in front of the
/// request (append mode), and the request's own messages to record with the answer.
struct SessionContext: Sendable {
    /// The session id (RedisVL's `session_tag`).
    var id: String
    /// Owner and route; the route changes when the turn is routed.
    var state: SessionState
    /// Stored messages put before the request's (append mode), oldest first.
    var history: [SessionMessage]
    /// The messages this turn adds (role, text), recorded with the answer.
    var turn: [ChatMessage]
}
