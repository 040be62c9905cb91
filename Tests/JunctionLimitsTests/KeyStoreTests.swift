import Foundation
import JunctionLimits
import JunctionTestSupport
import Testing

/// Key records: stored under the key's hash (never the key), in a file that survives a restart or in Redis
/// shared by every instance; changes checked.
@Suite(.redisServer) struct KeyStoreTests {
    static func record(tenant: String = "acme") -> (key: String, record: APIKeyRecord) {
        let key = APIKey.generate()
        let record = APIKeyRecord(
            hash: APIKey.hash(key), name: "ci", tenant: tenant, models: ["gpt-4o-mini"],
            limits: KeyLimits(requestsPerMinute: 60, budget: TokenBudget(tokens: 100_000, period: .day(timeZone: "UTC"))),
            hint: APIKey.hint(key), source: .admin
        )
        return (key, record)
    }

    @Test func keysAreRandomAndNamedByTheirHash() {
        let a = APIKey.generate(), b = APIKey.generate()
        #expect(a != b)
        #expect(a.hasPrefix("sk-jn-") && a.count == 49)
        #expect(APIKey.hash(a).count == 64)
        #expect(APIKey.id(hash: APIKey.hash(a)) == "key_" + APIKey.hash(a).prefix(16))
        #expect(APIKey.fromAuthorization("Bearer \(a)") == a)
        #expect(APIKey.fromAuthorization("bearer  \(a) ") == a)
        #expect(APIKey.fromAuthorization("Bearer ") == nil)
        #expect(APIKey.constantTimeEquals(a, a))
        #expect(!APIKey.constantTimeEquals(a, b))
    }

    @Test func theEmbeddedStoreSurvivesARestartAndNeverHoldsTheKey() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("junction-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (key, record) = Self.record()
        let store = try EmbeddedKeyStore(directory: directory)
        try await store.save(record)
        let reopened = try EmbeddedKeyStore(directory: directory)
        #expect(try await reopened.record(hash: APIKey.hash(key)) == record)
        #expect(try await reopened.record(id: record.id) == record)
        let text = try String(contentsOf: directory.appendingPathComponent("keys.json"), encoding: .utf8)
        #expect(!text.contains(key), "the key itself is never written")
        #expect(try await reopened.delete(id: record.id))
        #expect(try await reopened.delete(id: record.id) == false)
        #expect(try await EmbeddedKeyStore(directory: directory).records().isEmpty)
    }

    @Test func theRedisStoreIsSharedAndNeverHoldsTheKey() async throws {
        let a = try await RedisServer.client(), b = try await RedisServer.client()
        let namespace = "junction-test-\(UUID().uuidString.prefix(8))"
        let (key, record) = Self.record()
        try await RedisKeyStore(client: a, namespace: namespace).save(record)
        let other = RedisKeyStore(client: b, namespace: namespace)
        #expect(try await other.record(hash: APIKey.hash(key)) == record)
        let stored = try await b.send(["HVALS", .string(other.hashKey)])
        #expect(!(stored.array?.compactMap(\.string).joined().contains(key) ?? true))
        #expect(try await other.delete(id: record.id))
        #expect(try await RedisKeyStore(client: a, namespace: namespace).records().isEmpty)
        await a.close()
        await b.close()
    }

    @Test func changesAreAppliedAndChecked() throws {
        let (_, record) = Self.record()
        let changed = try KeyChange(requestsPerMinute: 10, enabled: false, clear: ["models", "budget"]).applied(to: record)
        #expect(changed.limits.requestsPerMinute == 10)
        #expect(changed.models == nil)
        #expect(changed.limits.budget == nil)
        #expect(changed.refusal(at: Date()) == "disabled")
        #expect(throws: LimitsError.self) { try KeyChange(requestsPerMinute: 0).applied(to: record) }
        #expect(throws: LimitsError.self) { try KeyChange(clear: ["tenant"]).applied(to: record) }
        var expiring = record
        expiring.expiresAt = Date(timeIntervalSinceNow: -1)
        #expect(expiring.refusal(at: Date()) == "expired")
        #expect(record.allows(model: "gpt-4o-mini"))
        #expect(!record.allows(model: "gpt-4o"))
    }
}
