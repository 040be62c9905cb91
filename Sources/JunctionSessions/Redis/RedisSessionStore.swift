import Foundation
import JunctionRedis

/// Sessions in Redis, in RedisVL's `MessageHistory` layout (checked against RedisVL 0.28 with MONITOR:
/// `Tests/Fixtures/redisvl/message_history_monitor.txt`), so a Python program's
/// `MessageHistory(name=..., session_tag=...)` on the same Redis reads Junction's sessions and Junction
/// reads its: an index `{name}` over hashes prefixed `{name}` with `role` TAG, `content` TEXT,
/// `tool_call_id` TAG, `timestamp` NUMERIC, `session_tag` TAG and `metadata` TEXT; one hash per message
/// at `{name}:{entry_id}`. Junction adds, outside that prefix, `{namespace}:session:{name}:{session}`
/// (JSON: the owning tenant and the route), and an expiry on every key of a session, refreshed on each
/// write (RedisVL sets none; a session RedisVL writes later keeps no expiry on its own keys).
public final class RedisSessionStore: SessionStore {
    let client: RedisClient
    /// The index name (and key prefix), RedisVL's `name`.
    public let name: String
    private let namespace: String

    private init(client: RedisClient, name: String, namespace: String) {
        self.client = client
        self.name = name
        self.namespace = namespace
    }

    /// Opens the message history `name`, creating its index as RedisVL does when missing. An existing index
    /// without RedisVL's fields is refused with `schema_mismatch` naming the field.
    public static func open(client: RedisClient, name: String, namespace: String = "junction") async throws(SessionError) -> RedisSessionStore {
        let store = RedisSessionStore(client: client, name: name, namespace: namespace)
        try await store.ensureIndex()
        return store
    }

    private func ensureIndex() async throws(SessionError) {
        let existing: SearchIndexSchema?
        do {
            existing = try await client.searchIndexSchema(name)
        } catch {
            throw SessionError(code: "redis", message: "cannot read the message history index \(name): \(error.message)")
        }
        guard let schema = existing else {
            do {
                try await client.send(FT.CREATE(name, on: .hash, prefixes: [name], score: 1.0, schema: [
                    .tag("role", separator: ","), .text("content", weight: 1), .tag("tool_call_id", separator: ","),
                    .numeric("timestamp"), .tag("session_tag", separator: ","), .text("metadata", weight: 1),
                ]))
            } catch {
                throw SessionError(code: "redis", message: "cannot create the message history index \(name): \(error.message)")
            }
            return
        }
        for (field, type) in [("role", "TAG"), ("content", "TEXT"), ("timestamp", "NUMERIC"), ("session_tag", "TAG")]
        where schema.field(named: field)?.type != type {
            throw SessionError(code: "schema_mismatch", message: "index \(name) exists but is not a RedisVL message history: its field \(field) is not \(type)")
        }
    }

    public func messages(session: String, limit: Int?) async throws(SessionError) -> [SessionMessage] {
        let count = limit ?? 10_000
        guard count > 0 else { return [] }
        let query = FT.SEARCH(name, query: "@session_tag:{\(FT.escapeTag(session))}", options: [
            "RETURN", 7, "entry_id", "session_tag", "role", "content", "tool_call_id", "timestamp", "metadata",
            "SORTBY", "timestamp", "DESC",
        ], dialect: 2)
        let results = try await search(query, limit: count)
        return results.documents.reversed().compactMap { document in
            let fields = document.fields
            guard let role = fields["role"]?.string, let content = fields["content"]?.string else { return nil }
            return SessionMessage(
                session: session, role: role, content: content,
                timestamp: fields["timestamp"]?.string.flatMap(Double.init) ?? 0,
                toolCallID: fields["tool_call_id"]?.string, metadata: fields["metadata"]?.string,
                id: fields["entry_id"]?.string ?? String(document.id.dropFirst(name.count + 1))
            )
        }
    }

    public func append(_ messages: [SessionMessage], session: String, ttl: Int?) async throws(SessionError) {
        var commands: [[RESPCommandArgument]] = messages.map { message in
            var command: [RESPCommandArgument] = [
                "HSET", .string("\(name):\(message.id)"), "entry_id", .string(message.id), "role", .string(message.role),
                "content", .string(message.content), "session_tag", .string(session), "timestamp", .string("\(message.timestamp)"),
            ]
            if let tool = message.toolCallID { command += ["tool_call_id", .string(tool)] }
            if let metadata = message.metadata { command += ["metadata", .string(metadata)] }
            return command
        }
        if let ttl {
            let keys = try await messageKeys(session) + messages.map { "\(name):\($0.id)" } + [stateKey(session)]
            commands += Set(keys).map { ["EXPIRE", .string($0), .integer(ttl)] }
        }
        try await pipeline(commands)
    }

    public func state(session: String) async throws(SessionError) -> SessionState? {
        let reply: RESPValue
        do {
            reply = try await client.send(["GET", .string(stateKey(session))])
        } catch {
            throw SessionError(code: "redis", message: "cannot read session \(session): \(error.message)")
        }
        guard let bytes = reply.bytes else { return nil }
        return try? JSONDecoder().decode(SessionState.self, from: Data(bytes.readableBytesView))
    }

    public func saveState(_ state: SessionState, session: String, ttl: Int?) async throws(SessionError) {
        let json = (try? JSONEncoder().encode(state)).map { Array($0) } ?? []
        var command: [RESPCommandArgument] = ["SET", .string(stateKey(session)), .bytes(json)]
        if let ttl { command += ["EX", .integer(ttl)] }
        try await pipeline([command])
    }

    public func delete(session: String) async throws(SessionError) -> Int {
        let keys = try await messageKeys(session)
        try await pipeline([["DEL"] + (keys + [stateKey(session)]).map { .string($0) }])
        return keys.count
    }

    /// Drops the index and every message (tests, and `junction` tools that remove a history).
    public func drop() async throws(SessionError) {
        do {
            try await client.send(FT.DROPINDEX(name, deleteDocuments: true))
        } catch {
            throw SessionError(code: "redis", message: "cannot drop the message history \(name): \(error.message)")
        }
    }

    private func stateKey(_ session: String) -> String {
        "\(namespace):session:\(name):\(session)"
    }

    /// Every message key of a session.
    private func messageKeys(_ session: String) async throws(SessionError) -> [String] {
        let search = FT.SEARCH(name, query: "@session_tag:{\(FT.escapeTag(session))}", options: ["NOCONTENT"], dialect: 2)
        return try await self.search(search, limit: 10_000).documents.map(\.id)
    }

    private func search(_ search: FT.SEARCH, limit: Int) async throws(SessionError) -> SearchResults {
        var search = search
        search.options += ["LIMIT", 0, .integer(limit)]
        do {
            return try search.parse(try await client.send(search))
        } catch {
            throw SessionError(code: "redis", message: "cannot read the message history \(name): \(error.message)")
        }
    }

    private func pipeline(_ commands: [[RESPCommandArgument]]) async throws(SessionError) {
        guard !commands.isEmpty else { return }
        let results: [Result<RESPValue, RedisError>]
        do {
            results = try await client.pipeline(commands)
        } catch {
            throw SessionError(code: "redis", message: "cannot write to the message history \(name): \(error.message)")
        }
        for case .failure(let error) in results {
            throw SessionError(code: "redis", message: "cannot write to the message history \(name): \(error.message)")
        }
    }
}
