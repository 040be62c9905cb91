import Foundation
import JunctionCache
import JunctionJSON
import Testing

@Suite struct EmbeddedSemanticCacheTests {
    /// Unit vectors in 3-d at known angles: distance(a, b) = 1 - cos.
    static let capital: [Float] = [1, 0, 0]
    static let paraphrase: [Float] = [0.96, 0.28, 0] // cos 0.96 -> distance 0.04
    static let weather: [Float] = [0, 1, 0]
    let embedder = TableEmbedder(table: [
        "What is the capital of France?": capital,
        "Which city is France's capital?": paraphrase,
        "Will it rain tomorrow?": weather,
    ])
    let clock = TestClock()

    func cache(_ configuration: CacheConfiguration = CacheConfiguration(filterableFields: ["tenant", "model"]), directory: URL? = nil) throws -> EmbeddedSemanticCache {
        let clock = self.clock
        return try EmbeddedSemanticCache.open(configuration: configuration, embedder: embedder, directory: directory, now: { clock.now })
    }

    @Test func theSamePromptIsAnsweredByTheExactPathWithoutEmbedding() async throws {
        let cache = try cache()
        let key = try await cache.store(CacheWrite(prompt: "What is the capital of France?", response: "Paris.", metadata: ["city": .string("Paris")]))
        let embeddedAfterStore = embedder.embeddedCount
        let hits = try await cache.check(CacheLookup(prompt: "  What is the capital   of France? "))
        #expect(embedder.embeddedCount == embeddedAfterStore)
        #expect(hits.count == 1)
        #expect(hits.first?.exact == true)
        #expect(hits.first?.distance == 0)
        #expect(hits.first?.response == "Paris.")
        #expect(hits.first?.metadata == .object(["city": .string("Paris")]))
        #expect(hits.first?.key == key)
        #expect(key == "llmcache:" + Hashify.sha256Hex("What is the capital of France?"))
    }

    @Test func aParaphraseWithinTheThresholdIsAHitWithItsDistance() async throws {
        let cache = try cache()
        try await cache.store(CacheWrite(prompt: "What is the capital of France?", response: "Paris."))
        let hits = try await cache.check(CacheLookup(prompt: "Which city is France's capital?"))
        #expect(hits.count == 1)
        #expect(hits.first?.exact == false)
        #expect(abs((hits.first?.distance ?? 9) - 0.04) < 1e-5)
        #expect(try await cache.check(CacheLookup(prompt: "Which city is France's capital?", distanceThreshold: 0.03)).isEmpty)
        #expect(try await cache.check(CacheLookup(prompt: "Will it rain tomorrow?")).isEmpty)
    }

    @Test func thresholdZeroIsHonouredAndInclusive() async throws {
        let cache = try cache()
        try await cache.store(CacheWrite(prompt: "What is the capital of France?", response: "Paris."))
        #expect(try await cache.check(CacheLookup(vector: Self.capital, distanceThreshold: 0)).count == 1)
        #expect(try await cache.check(CacheLookup(vector: Self.paraphrase, distanceThreshold: 0)).isEmpty)
        let stats = try await cache.stats()
        #expect(stats.hits == 1 && stats.misses == 1)
    }

    @Test func aLookupNeverSeesAnotherScope() async throws {
        let cache = try cache()
        try await cache.store(CacheWrite(prompt: "What is the capital of France?", response: "Paris (for A).", filters: ["tenant": "a", "model": "m"]))
        // Exact path and vector path both refuse tenant b.
        #expect(try await cache.check(CacheLookup(prompt: "What is the capital of France?", filters: ["tenant": "b", "model": "m"])).isEmpty)
        #expect(try await cache.check(CacheLookup(prompt: "Which city is France's capital?", filters: ["tenant": "b", "model": "m"])).isEmpty)
        #expect(try await cache.check(CacheLookup(prompt: "Which city is France's capital?", filters: ["tenant": "a", "model": "other"])).isEmpty)
        let own = try await cache.check(CacheLookup(prompt: "Which city is France's capital?", filters: ["tenant": "a", "model": "m"]))
        #expect(own.first?.response == "Paris (for A).")
        #expect(own.first?.filters == ["tenant": "a", "model": "m"])
        // A lookup with fewer filters sees every entry that has those (RedisVL's tag filter semantics).
        #expect(try await cache.check(CacheLookup(vector: Self.capital, filters: ["tenant": "a"])).count == 1)
    }

    @Test func moreResultsComeNearestFirst() async throws {
        let cache = try cache()
        try await cache.store(CacheWrite(prompt: "Which city is France's capital?", response: "2"))
        try await cache.store(CacheWrite(prompt: "What is the capital of France?", response: "1"))
        try await cache.store(CacheWrite(prompt: "Will it rain tomorrow?", response: "3"))
        let hits = try await cache.check(CacheLookup(vector: Self.capital, distanceThreshold: 2, numResults: 5))
        #expect(hits.map(\.response) == ["1", "2", "3"])
    }

    @Test func storingTheSamePromptInTheSameScopeReplacesTheEntry() async throws {
        let cache = try cache()
        let first = try await cache.store(CacheWrite(prompt: "What is the capital of France?", response: "old"))
        let second = try await cache.store(CacheWrite(prompt: "What is the capital of France?", response: "new"))
        #expect(first == second)
        #expect(try await cache.stats().entries == 1)
        #expect(try await cache.check(CacheLookup(vector: Self.capital)).first?.response == "new")
    }

    @Test func entriesExpireAndAHitRestartsTheTTL() async throws {
        let cache = try cache(CacheConfiguration(ttl: 60, filterableFields: []))
        try await cache.store(CacheWrite(prompt: "What is the capital of France?", response: "Paris."))
        clock.advance(50)
        #expect(try await cache.check(CacheLookup(prompt: "Which city is France's capital?")).count == 1)
        clock.advance(50) // 100 s after the store, 50 after the hit
        #expect(try await cache.check(CacheLookup(prompt: "Which city is France's capital?")).count == 1)
        clock.advance(61)
        #expect(try await cache.check(CacheLookup(prompt: "What is the capital of France?")).isEmpty)
        #expect(try await cache.check(CacheLookup(vector: Self.capital)).isEmpty)
    }

    @Test func anEntryCanHaveItsOwnTTL() async throws {
        let cache = try cache(CacheConfiguration(filterableFields: []))
        try await cache.store(CacheWrite(prompt: "What is the capital of France?", response: "Paris.", ttl: 10))
        try await cache.store(CacheWrite(prompt: "Will it rain tomorrow?", response: "No."))
        clock.advance(11)
        #expect(try await cache.check(CacheLookup(vector: Self.capital)).isEmpty)
        #expect(try await cache.check(CacheLookup(vector: Self.weather)).count == 1)
    }

    @Test func theLeastRecentlyUsedEntryIsEvictedFirst() async throws {
        let cache = try cache(CacheConfiguration(filterableFields: [], maxEntries: 2))
        try await cache.store(CacheWrite(prompt: "What is the capital of France?", response: "1"))
        try await cache.store(CacheWrite(prompt: "Will it rain tomorrow?", response: "2"))
        #expect(try await cache.check(CacheLookup(vector: Self.capital, distanceThreshold: 0.01)).count == 1) // uses 1
        try await cache.store(CacheWrite(prompt: "Third", response: "3", vector: [0, 0, 1]))
        #expect(try await cache.check(CacheLookup(vector: Self.weather, distanceThreshold: 0.01)).isEmpty)
        #expect(try await cache.check(CacheLookup(vector: Self.capital, distanceThreshold: 0.01)).count == 1)
        let stats = try await cache.stats()
        #expect(stats.entries == 2 && stats.evictions == 1)
    }

    @Test func theByteBoundEvictsToo() async throws {
        let cache = try cache(CacheConfiguration(filterableFields: [], maxBytes: 2_000))
        let long = String(repeating: "x", count: 900)
        try await cache.store(CacheWrite(prompt: "What is the capital of France?", response: long))
        try await cache.store(CacheWrite(prompt: "Will it rain tomorrow?", response: long))
        let stats = try await cache.stats()
        #expect(stats.entries == 1)
        #expect((stats.bytes ?? 0) <= 2_000)
        #expect(try await cache.check(CacheLookup(vector: Self.weather)).count == 1)
    }

    @Test func updateDropClearAndDelete() async throws {
        let cache = try cache()
        let key = try await cache.store(CacheWrite(prompt: "What is the capital of France?", response: "Paris."))
        clock.advance(5)
        try await cache.update(key: key, CacheUpdate(response: "Paris, France.", metadata: ["checked": .bool(true)]))
        let hit = try #require(try await cache.check(CacheLookup(vector: Self.capital)).first)
        #expect(hit.response == "Paris, France.")
        #expect(hit.updatedAt == hit.insertedAt + 5)
        await #expect(throws: CacheError.self) { try await cache.update(key: "llmcache:nope", CacheUpdate(response: "x")) }
        try await cache.store(CacheWrite(prompt: "Will it rain tomorrow?", response: "No."))
        #expect(try await cache.drop(ids: [hit.entryID], keys: []) == 1)
        #expect(try await cache.drop(ids: [hit.entryID], keys: []) == 0)
        #expect(try await cache.clear() == 1)
        #expect(try await cache.stats().entries == 0)
    }

    @Test func flushedEntriesSurviveAReopen() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("junction-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = CacheConfiguration(ttl: 100, filterableFields: ["tenant"])
        let first = try cache(configuration, directory: directory)
        try await first.store(CacheWrite(prompt: "What is the capital of France?", response: "Paris.", metadata: ["n": .number(1)], filters: ["tenant": "a"]))
        try await first.store(CacheWrite(prompt: "Will it rain tomorrow?", response: "No.", filters: ["tenant": "a"], ttl: 5))
        try await first.flush()
        clock.advance(10)
        let second = try cache(configuration, directory: directory)
        #expect(try await second.stats().entries == 1) // the 5-second entry expired
        let hit = try await second.check(CacheLookup(prompt: "What is the capital of France?", filters: ["tenant": "a"])).first
        #expect(hit?.response == "Paris.")
        #expect(hit?.metadata == .object(["n": .number(1)]))
        #expect(try await second.check(CacheLookup(vector: Self.paraphrase, filters: ["tenant": "a"])).count == 1)

        let otherModel = TableEmbedder(modelName: "other/model", table: ["x": [1, 0, 0]])
        #expect(throws: CacheError.self) {
            try EmbeddedSemanticCache.open(configuration: configuration, embedder: otherModel, directory: directory)
        }
        try await second.delete()
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }

    @Test func badInputIsRefusedWithAClearError() async throws {
        let cache = try cache()
        await #expect(throws: CacheError(code: "invalid_filter", message: "'user' is not a filterable field of cache 'llmcache' (fields: tenant, model)")) {
            try await cache.check(CacheLookup(prompt: "x", filters: ["user": "u"]))
        }
        await #expect(throws: CacheError.self) { try await cache.check(CacheLookup(prompt: "x", distanceThreshold: 2.5)) }
        await #expect(throws: CacheError.self) { try await cache.check(CacheLookup()) }
        await #expect(throws: CacheError.self) { try await cache.store(CacheWrite(prompt: "x", response: "y", vector: [1, 0])) }
        await #expect(throws: CacheError.self) { try await cache.store(CacheWrite(prompt: "x", response: "y", vector: [0, 0, 0])) }
        #expect(throws: CacheError.self) {
            try EmbeddedSemanticCache.open(configuration: CacheConfiguration(filterableFields: ["prompt"]), embedder: embedder, directory: nil)
        }
    }
}
