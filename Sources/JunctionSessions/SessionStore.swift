/// Where conversations live: Redis in RedisVL's `MessageHistory` layout (shared with Python programs and
/// every instance), or in process (one instance, persisted in the data directory). Every write refreshes
/// the session's time to live: a session expires after `ttl` seconds without a turn.
public protocol SessionStore: Sendable {
    /// The most recent `limit` messages of a session (all when nil), oldest first; empty for none.
    func messages(session: String, limit: Int?) async throws(SessionError) -> [SessionMessage]
    /// Appends messages and gives the whole session `ttl` seconds more (nil: no expiry).
    func append(_ messages: [SessionMessage], session: String, ttl: Int?) async throws(SessionError)
    /// The session's owner and route, nil when the session has none (new, expired, or written by another
    /// program).
    func state(session: String) async throws(SessionError) -> SessionState?
    /// Saves the session's owner and route with the same time to live as its messages.
    func saveState(_ state: SessionState, session: String, ttl: Int?) async throws(SessionError)
    /// Deletes the session's messages and state; returns how many messages there were.
    func delete(session: String) async throws(SessionError) -> Int
}

extension SessionStore {
    /// Checks a session id: 1 to 256 printable characters without spaces.
    public static func validate(session: String) throws(SessionError) {
        guard (1...256).contains(session.count), session.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else {
            throw SessionError(code: "invalid_session", message: "a session id has 1 to 256 printable characters and no spaces")
        }
    }
}
