import Foundation
import JunctionSessions
import Synchronization
import Testing

/// In-process sessions: order, limits, expiry after inactivity (every write refreshes it), state, and a
/// restart through the data directory.
@Suite struct EmbeddedSessionStoreTests {
    final class Clock: Sendable {
        let now = Mutex(1_780_000_000.0)
        func advance(_ seconds: Double) { now.withLock { $0 += seconds } }
        var read: @Sendable () -> Double { { [self] in now.withLock { $0 } } }
    }

    @Test func messagesComeBackInOrderAndExpireAfterInactivity() async throws {
        let clock = Clock()
        let store = try EmbeddedSessionStore(directory: nil, clock: clock.read)
        try await store.append([SessionMessage(session: "s1", role: "user", content: "hello", timestamp: 1)], session: "s1", ttl: 60)
        clock.advance(50)
        try await store.append([SessionMessage(session: "s1", role: "assistant", content: "hi", timestamp: 2),
                                SessionMessage(session: "s1", role: "user", content: "and you?", timestamp: 3)], session: "s1", ttl: 60)
        clock.advance(50)
        let messages = try await store.messages(session: "s1", limit: nil)
        #expect(messages.map(\.content) == ["hello", "hi", "and you?"], "the second write refreshed the whole session")
        #expect(try await store.messages(session: "s1", limit: 2).map(\.content) == ["hi", "and you?"])
        #expect(messages[0].id.hasPrefix("s1:1.0:"))
        clock.advance(11)
        #expect(try await store.messages(session: "s1", limit: nil).isEmpty, "61 s without a turn: gone")
    }

    @Test func stateAndMessagesSurviveARestartAndDeleteRemovesBoth() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("junction-sessions-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try EmbeddedSessionStore(directory: directory)
        try await store.append([SessionMessage(session: "s2", role: "user", content: "book a flight")], session: "s2", ttl: 3600)
        try await store.saveState(SessionState(tenant: "acme", route: "book_flight"), session: "s2", ttl: 3600)
        try store.flush()
        let reopened = try EmbeddedSessionStore(directory: directory)
        #expect(try await reopened.state(session: "s2") == SessionState(tenant: "acme", route: "book_flight"))
        #expect(try await reopened.messages(session: "s2", limit: nil).map(\.content) == ["book a flight"])
        #expect(try await reopened.delete(session: "s2") == 1)
        #expect(try await reopened.state(session: "s2") == nil)
    }

    @Test func sessionIDsAreChecked() {
        #expect(throws: SessionError.self) { try EmbeddedSessionStore.validate(session: "") }
        #expect(throws: SessionError.self) { try EmbeddedSessionStore.validate(session: "has space") }
        #expect(throws: SessionError.self) { try EmbeddedSessionStore.validate(session: String(repeating: "x", count: 257)) }
        #expect((try? EmbeddedSessionStore.validate(session: "conv-42_ä")) != nil)
    }
}
