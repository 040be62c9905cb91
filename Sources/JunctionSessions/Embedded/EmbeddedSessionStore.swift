import Foundation
import JunctionIndex
import Synchronization

/// Sessions of a single instance: in memory with the same expiry rule as on Redis (each write refreshes the
/// whole session's time to live), saved to `<directory>/sessions.json` on `flush()` (at shutdown) so they
/// survive a restart; expired sessions are dropped as they are met and when saved.
public final class EmbeddedSessionStore: SessionStore {
    private struct Stored: Codable {
        var messages: [StoredMessage]
        var state: SessionState?
        /// Unix seconds after which the session is gone; nil for never.
        var expiresAt: Double?
    }

    private struct StoredMessage: Codable {
        var id, role, content: String
        var timestamp: Double
        var toolCallID, metadata: String?
    }

    private let file: URL?
    private let sessions: Mutex<[String: Stored]>
    private let clock: @Sendable () -> Double

    /// Opens the store saved in `directory` (nil: memory only). `clock` gives Unix seconds (tests move it).
    public init(directory: URL?, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) throws(SessionError) {
        file = directory?.appendingPathComponent("sessions.json")
        self.clock = clock
        var loaded: [String: Stored] = [:]
        if let file, let data = FileManager.default.contents(atPath: file.path) {
            guard let stored = try? JSONDecoder().decode([String: Stored].self, from: data) else {
                throw SessionError(code: "storage", message: "\(file.path) is not a session file (move it away to start with no sessions)")
            }
            loaded = stored
        }
        sessions = Mutex(loaded)
    }

    public func messages(session: String, limit: Int?) async throws(SessionError) -> [SessionMessage] {
        let stored = live(session)?.messages ?? []
        let kept = limit.map { Array(stored.suffix(max(0, $0))) } ?? stored
        return kept.map { SessionMessage(session: session, role: $0.role, content: $0.content, timestamp: $0.timestamp, toolCallID: $0.toolCallID, metadata: $0.metadata, id: $0.id) }
    }

    public func append(_ messages: [SessionMessage], session: String, ttl: Int?) async throws(SessionError) {
        let now = clock()
        sessions.withLock { sessions in
            var stored = sessions[session].flatMap { Self.alive($0, now: now) } ?? Stored(messages: [], state: nil, expiresAt: nil)
            stored.messages += messages.map { StoredMessage(id: $0.id, role: $0.role, content: $0.content, timestamp: $0.timestamp, toolCallID: $0.toolCallID, metadata: $0.metadata) }
            stored.expiresAt = ttl.map { now + Double($0) }
            sessions[session] = stored
        }
    }

    public func state(session: String) async throws(SessionError) -> SessionState? {
        live(session)?.state
    }

    public func saveState(_ state: SessionState, session: String, ttl: Int?) async throws(SessionError) {
        let now = clock()
        sessions.withLock { sessions in
            var stored = sessions[session].flatMap { Self.alive($0, now: now) } ?? Stored(messages: [], state: nil, expiresAt: nil)
            stored.state = state
            stored.expiresAt = ttl.map { now + Double($0) }
            sessions[session] = stored
        }
    }

    public func delete(session: String) async throws(SessionError) -> Int {
        sessions.withLock { $0.removeValue(forKey: session)?.messages.count ?? 0 }
    }

    /// Saves the live sessions to the data directory.
    public func flush() throws(SessionError) {
        guard let file else { return }
        let now = clock()
        let live = sessions.withLock { sessions in
            sessions = sessions.compactMapValues { Self.alive($0, now: now) }
            return sessions
        }
        do {
            try AtomicFile.write(try JSONEncoder().encode(live), to: file)
        } catch {
            throw SessionError(code: "storage", message: "cannot save the sessions to \(file.path): \(error)")
        }
    }

    private func live(_ session: String) -> Stored? {
        let now = clock()
        return sessions.withLock { sessions in
            guard let stored = sessions[session] else { return nil }
            guard let alive = Self.alive(stored, now: now) else {
                sessions.removeValue(forKey: session)
                return nil
            }
            return alive
        }
    }

    private static func alive(_ stored: Stored, now: Double) -> Stored? {
        guard let expiresAt = stored.expiresAt else { return stored }
        return expiresAt > now ? stored : nil
    }
}
