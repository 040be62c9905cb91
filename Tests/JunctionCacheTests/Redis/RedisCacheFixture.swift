import Foundation
import JunctionCache
import JunctionRedis
import JunctionTestSupport
import Testing

/// A Redis cache of its own for one test, on the suite's server, deleted afterwards.
struct RedisCacheFixture {
    /// Texts with known vectors and their distance to `question` (see `SignVectorEmbedder`).
    static let question = "What is the capital of France?"
    static let paraphrase = "Which city is France's capital?"  // 0.125
    static let looser = "Tell me France's capital"  // 0.25
    static let loosest = "Capital of the French republic?"  // 0.375
    static let unrelated = "How tall is Mount Everest?"  // 1.0
    static let texts: [String: [Int]] = [
        question: [], paraphrase: [0], looser: [0, 1], loosest: [0, 1, 2], unrelated: Array(0..<8),
    ]

    let cache: RedisSemanticCache
    let client: RedisClient
    let embedder: SignVectorEmbedder

    /// A cache name no other test uses.
    static func uniqueName(_ label: String = #function) -> String {
        "junction-test-cache-\(label.prefix(while: { $0 != "(" }))-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Runs `body` with a new cache and deletes the cache afterwards (unless the test already did).
    static func with<T>(
        _ label: String = #function, ttl: Int? = nil, threshold: Double = 0.1,
        fields: [String] = CacheScope.fieldNames, _ body: (RedisCacheFixture) async throws -> T
    ) async throws -> T {
        let client = try await RedisServer.client()
        let embedder = SignVectorEmbedder(texts: texts)
        let configuration = CacheConfiguration(name: uniqueName(label), distanceThreshold: threshold, ttl: ttl, filterableFields: fields)
        let fixture = RedisCacheFixture(
            cache: try await RedisSemanticCache.create(configuration: configuration, client: client, embedder: embedder),
            client: client, embedder: embedder
        )
        do {
            let result = try await body(fixture)
            try? await fixture.cache.delete()
            await client.close()
            return result
        } catch {
            try? await fixture.cache.delete()
            await client.close()
            throw error
        }
    }

    /// The vector of `text`.
    func vector(_ text: String) async -> [Float] {
        await embedder.vectors(for: [text])[0]
    }

    /// The entry's hash as text (the vector left out).
    func hash(_ key: String) async throws -> [String: String] {
        let reply = try await client.send(["HGETALL", .string(key)])
        var pairs = reply.map ?? []
        if let items = reply.array {
            pairs = stride(from: 0, to: items.count - 1, by: 2).map { (key: items[$0], value: items[$0 + 1]) }
        }
        var fields: [String: String] = [:]
        for (field, value) in pairs {
            guard let name = field.string, name != "prompt_vector" else { continue }
            fields[name] = value.string
        }
        return fields
    }

    /// The entry's remaining time to live.
    func expiry(_ key: String) async throws -> RedisKeyExpiry {
        try await client.send(PTTL(key))
    }
}

/// Whether `expiry` is a TTL within `range` seconds.
func expires(_ expiry: RedisKeyExpiry, within range: ClosedRange<Double>) -> Bool {
    guard case .expires(let remaining) = expiry else { return false }
    let seconds = Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18
    return range.contains(seconds)
}
