import Foundation
import JunctionRedis
import JunctionSessions
import JunctionTestSupport
import Testing

/// Sessions on a real Redis in RedisVL's message-history layout: the index and hashes RedisVL makes (as
/// captured with MONITOR), order and limits, expiry refreshed on every write, state and deletion.
@Suite(.redisServer) struct RedisSessionStoreTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/redisvl/message_history_monitor.txt")

    static func withStore(_ body: (RedisSessionStore, RedisClient) async throws -> Void) async throws {
        let client = try await RedisServer.client()
        let store = try await RedisSessionStore.open(client: client, name: "junction-test-mh-\(UUID().uuidString.prefix(8).lowercased())", namespace: "junction-test")
        do {
            try await body(store, client)
            try? await store.drop()
            await client.close()
        } catch {
            try? await store.drop()
            await client.close()
            throw error
        }
    }

    @Test func theIndexAndHashesAreRedisVLs() async throws {
        let lines = try String(contentsOf: Self.fixture, encoding: .utf8).split(separator: "\n")
        let create = try #require(lines.first { $0.hasPrefix("FT.CREATE") })
        let hset = try #require(lines.first { $0.hasPrefix("HSET") && $0.contains(" metadata ") })
        try await Self.withStore { store, client in
            let info = try #require(try await client.searchIndexSchema(store.name))
            let fixtureFields = create.components(separatedBy: " SCHEMA ")[1]
            for field in ["role TAG", "content TEXT", "tool_call_id TAG", "timestamp NUMERIC", "session_tag TAG", "metadata TEXT"] {
                #expect(fixtureFields.contains(field), "the fixture has \(field)")
                let parts = field.split(separator: " ")
                #expect(info.field(named: String(parts[0]))?.type == String(parts[1]))
            }
            #expect(info.prefixes == [store.name])
            let message = SessionMessage(session: "abc", role: "assistant", content: "hi there", metadata: #"{"k": 1}"#)
            try await store.append([message], session: "abc", ttl: nil)
            let key = "\(store.name):\(message.id)"
            let stored = try await client.send(["HGETALL", .string(key)])
            let fields = Set((stored.keyValuePairs ?? []).map(\.key))
            // RedisVL's hash for the same message: entry_id role content session_tag timestamp metadata.
            let words = hset.split(separator: " ").map(String.init)
            let expected: Set<String> = ["entry_id", "role", "content", "session_tag", "timestamp", "metadata"]
            #expect(expected.allSatisfy { words.contains($0) })
            #expect(fields == expected)
            #expect(message.id.hasPrefix("abc:") && message.id.split(separator: ":").count == 3)
        }
    }

    @Test func messagesAreOrderedLimitedAndExpireTogether() async throws {
        try await Self.withStore { store, client in
            let session = "conv-\(UUID().uuidString.prefix(6))"
            try await store.append([SessionMessage(session: session, role: "user", content: "one", timestamp: 1)], session: session, ttl: 100)
            try await store.append([SessionMessage(session: session, role: "assistant", content: "two", timestamp: 2),
                                    SessionMessage(session: session, role: "user", content: "three", timestamp: 3)], session: session, ttl: 3600)
            #expect(try await store.messages(session: session, limit: nil).map(\.content) == ["one", "two", "three"])
            #expect(try await store.messages(session: session, limit: 2).map(\.content) == ["two", "three"])
            let first = try #require(try await store.messages(session: session, limit: nil).first)
            let ttl = try await client.send(["TTL", .string("\(store.name):\(first.id)")]).int ?? -2
            #expect((3500...3600).contains(ttl), "the first message got the session's new TTL when the second turn came")
            try await store.saveState(SessionState(tenant: "acme", route: "book_flight"), session: session, ttl: 3600)
            #expect(try await store.state(session: session) == SessionState(tenant: "acme", route: "book_flight"))
            #expect(try await store.delete(session: session) == 3)
            #expect(try await store.messages(session: session, limit: nil).isEmpty)
            #expect(try await store.state(session: session) == nil)
        }
    }

    @Test func anIndexOfAnotherShapeIsRefused() async throws {
        let client = try await RedisServer.client()
        let name = "junction-test-other-\(UUID().uuidString.prefix(8).lowercased())"
        try await client.send(FT.CREATE(name, on: .hash, prefixes: [name], schema: [.text("role"), .text("content")]))
        await #expect(throws: SessionError.self) { _ = try await RedisSessionStore.open(client: client, name: name) }
        try await client.send(FT.DROPINDEX(name))
        await client.close()
    }
}
