import Foundation
import JunctionEmbeddings
import JunctionEncoder
import JunctionJSON
import JunctionRedis
import NIOCore
import JunctionTestSupport
import Testing

/// The embeddings cache in front of an embedder: repeated texts are never embedded twice (in one call, across
/// calls, across concurrent callers, across instances through Redis), in RedisVL's layout, with hit metrics.
@Suite(.redisServer) struct CachedEmbedderTests {
    static func uniqueName(_ label: String = #function) -> String {
        "junction-test-embedcache-\(label.prefix(while: { $0 != "(" }))-\(UUID().uuidString.prefix(8).lowercased())"
    }

    @Test func repeatedTextsAreEmbeddedOnce() async throws {
        let base = CountingEmbedder()
        let cache = try EmbeddingsCache(configuration: EmbeddingsCacheConfiguration(), client: nil)
        let embedder = CachedEmbedder(base: base, cache: cache)
        let first = try await embedder.vectors(for: ["a", "b", "a"])
        #expect(first == ["a", "b", "a"].map(CountingEmbedder.vector))
        #expect(base.texts.sorted() == ["a", "b"])
        let second = try await embedder.vectors(for: ["b", "c", "a"])
        #expect(second == ["b", "c", "a"].map(CountingEmbedder.vector))
        #expect(base.texts.sorted() == ["a", "b", "c"])
        let stats = cache.stats
        #expect(stats.misses == 3 && stats.memoryHits == 2 && stats.redisHits == 0)
    }

    @Test func concurrentCallersShareOneEmbedding() async throws {
        let base = CountingEmbedder(delay: .milliseconds(200))
        let embedder = CachedEmbedder(base: base, cache: try EmbeddingsCache(configuration: EmbeddingsCacheConfiguration(), client: nil))
        let results = try await withThrowingTaskGroup(of: [[Float]].self) { group in
            for _ in 0..<8 { group.addTask { try await embedder.vectors(for: ["the same prompt"]) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == [CountingEmbedder.vector("the same prompt")] })
        #expect(base.texts == ["the same prompt"])
    }

    @Test func sharedByInstancesThroughRedisInRedisVLsLayout() async throws {
        let client = try await RedisServer.client()
        let name = Self.uniqueName()
        let configuration = EmbeddingsCacheConfiguration(name: name, ttl: 300)
        let firstBase = CountingEmbedder(), secondBase = CountingEmbedder()
        let first = CachedEmbedder(base: firstBase, cache: try EmbeddingsCache(configuration: configuration, client: client))
        let second = CachedEmbedder(base: secondBase, cache: try EmbeddingsCache(configuration: configuration, client: client))
        _ = try await first.vectors(for: ["What is Redis?"])
        let fromRedis = try await second.vectors(for: ["What is Redis?"])
        #expect(fromRedis == [CountingEmbedder.vector("What is Redis?")])
        #expect(secondBase.texts.isEmpty, "the second instance reads the first one's entry")
        #expect(second.cache.stats.redisHits == 1)

        let id = Hashify.sha256Hex("What is Redis?:counting-model")
        let key = "\(name):\(id)"
        let fields = try await client.send(HGETALL(key))
        #expect(Set(fields.keys) == ["entry_id", "content", "model_name", "embedding", "inserted_at"])
        #expect(fields["entry_id"].map { String(buffer: $0) } == id)
        #expect(fields["content"].map { String(buffer: $0) } == "What is Redis?")
        #expect(fields["model_name"].map { String(buffer: $0) } == "counting-model")
        #expect(fields["embedding"].map { String(buffer: $0) } == "[14.0, 87.0, 63.0, 1.0]")
        let ttl = try await client.send(["TTL", .string(key)]).int ?? -1
        #expect(ttl > 0 && ttl <= 300)
        _ = try await client.send(DEL([key]))
        await client.close()
    }

    @Test func redisDownMeansEmbeddingWithoutTheSharedLayer() async throws {
        let unreachable = RedisClient(configuration: try RedisConfiguration(url: "redis://127.0.0.1:9"))
        let base = CountingEmbedder()
        let cache = try EmbeddingsCache(configuration: EmbeddingsCacheConfiguration(name: Self.uniqueName()), client: unreachable)
        let embedder = CachedEmbedder(base: base, cache: cache)
        #expect(try await embedder.vectors(for: ["x"]) == [CountingEmbedder.vector("x")])
        #expect(try await embedder.vectors(for: ["x"]) == [CountingEmbedder.vector("x")])
        #expect(base.texts == ["x"], "the in-process layer still answers")
        #expect(cache.stats.redisErrors >= 1)
        await unreachable.close()
    }

    @Test func aFailingEmbedderFailsEveryWaiterAndCachesNothing() async throws {
        struct Failing: TextEmbedder {
            var modelName: String { "failing" }
            var dimension: Int { 4 }
            func vectors(for texts: [String]) async throws -> [[Float]] {
                throw EmbeddingsError(code: "provider_error", message: "down", status: 503)
            }
        }
        let cache = try EmbeddingsCache(configuration: EmbeddingsCacheConfiguration(), client: nil)
        let embedder = CachedEmbedder(base: Failing(), cache: cache)
        await #expect(throws: EmbeddingsError.self) { _ = try await embedder.vectors(for: ["x"]) }
        #expect(cache.stats.memoryEntries == 0)
    }
}
