import JunctionCache
import JunctionJSON
import JunctionRedis
import JunctionTestSupport
import Testing

/// Lookups of the Redis cache against a real Redis: the exact-match path, the vector search, thresholds,
/// scopes and ordering.
@Suite(.redisServer) struct RedisSemanticCacheLookupTests {
    typealias F = RedisCacheFixture

    @Test func storedPromptIsAnExactHitWithoutEmbedding() async throws {
        try await F.with { f in
            let key = try await f.cache.store(CacheWrite(
                prompt: F.question, response: "Paris.", metadata: ["city": .string("Paris"), "n": .number(2)],
                filters: ["tenant": "acme", "model": "gpt-4.1"]
            ))
            let id = Hashify.sha256Hex(F.question, extras: ["tenant": "acme", "model": "gpt-4.1"])
            #expect(key == "\(f.cache.name):\(id)")
            let embeddedBefore = f.embedder.embeddedTexts.count

            let hits = try await f.cache.check(CacheLookup(prompt: F.question, filters: ["tenant": "acme", "model": "gpt-4.1"]))
            #expect(f.embedder.embeddedTexts.count == embeddedBefore, "the exact path must not embed")
            let hit = try #require(hits.first)
            #expect(hits.count == 1)
            #expect(hit.exact && hit.distance == 0)
            #expect(hit.key == key && hit.entryID == id && hit.prompt == F.question && hit.response == "Paris.")
            #expect(hit.metadata == .object(["city": .string("Paris"), "n": .number(2)]))
            #expect(hit.filters == ["tenant": "acme", "model": "gpt-4.1"])
            #expect(hit.insertedAt > 1_700_000_000 && hit.insertedAt == hit.updatedAt)

            // The same prompt with other whitespace finds it through the normalised key.
            let spaced = try await f.cache.check(CacheLookup(prompt: "  What is the   capital of\nFrance? ", filters: ["tenant": "acme", "model": "gpt-4.1"]))
            #expect(spaced.first?.key == key && spaced.first?.exact == true)
        }
    }

    @Test func paraphraseIsFoundByVectorSearchAtItsDistance() async throws {
        try await F.with(threshold: 0.2) { f in
            let key = try await f.cache.store(CacheWrite(prompt: F.question, response: "Paris."))
            let byPrompt = try await f.cache.check(CacheLookup(prompt: F.paraphrase))
            let hit = try #require(byPrompt.first)
            #expect(!hit.exact && hit.key == key && hit.response == "Paris.")
            #expect(abs(hit.distance - 0.125) < 1e-6)
            #expect(f.embedder.embeddedTexts.last == F.paraphrase)

            let byVector = try await f.cache.check(CacheLookup(vector: await f.vector(F.paraphrase)))
            #expect(byVector.map(\.key) == [key])
            #expect(abs((byVector.first?.distance ?? -1) - 0.125) < 1e-6)

            #expect(try await f.cache.check(CacheLookup(prompt: F.unrelated)).isEmpty)
            #expect(try await f.cache.check(CacheLookup(prompt: F.looser)).isEmpty, "0.25 is beyond the cache's threshold 0.2")
            #expect(try await f.cache.check(CacheLookup(prompt: F.looser, distanceThreshold: 0.3)).first?.key == key)
        }
    }

    @Test func thresholdIsInclusiveAndZeroIsHonoured() async throws {
        try await F.with { f in
            let key = try await f.cache.store(CacheWrite(prompt: F.question, response: "Paris."))
            let paraphrase = await f.vector(F.paraphrase)
            #expect(try await f.cache.check(CacheLookup(vector: paraphrase, distanceThreshold: 0.125)).map(\.key) == [key])
            #expect(try await f.cache.check(CacheLookup(vector: paraphrase, distanceThreshold: 0.1249)).isEmpty)
            #expect(try await f.cache.check(CacheLookup(vector: paraphrase, distanceThreshold: 0)).isEmpty)
            let same = try await f.cache.check(CacheLookup(vector: await f.vector(F.question), distanceThreshold: 0))
            #expect(same.map(\.key) == [key])
            #expect(same.first?.distance == 0 && same.first?.exact == false)
            // Threshold 0 with the prompt itself: the exact path answers.
            #expect(try await f.cache.check(CacheLookup(prompt: F.question, distanceThreshold: 0)).first?.exact == true)
        }
    }

    @Test func filtersIsolateScopes() async throws {
        try await F.with(threshold: 0.5) { f in
            let tenantA = ["tenant": "acme corp/eu-1", "model": "gpt-4.1"]
            let tenantB = ["tenant": "globex", "model": "gpt-4.1"]
            let keyA = try await f.cache.store(CacheWrite(prompt: F.question, response: "A's answer", filters: tenantA))
            let keyB = try await f.cache.store(CacheWrite(prompt: F.question, response: "B's answer", filters: tenantB))
            #expect(keyA != keyB)

            for prompt in [F.question, F.paraphrase] {
                let a = try await f.cache.check(CacheLookup(prompt: prompt, filters: tenantA, numResults: 10))
                #expect(a.map(\.response) == ["A's answer"], "tenant A sees only its entry (prompt \(prompt))")
                let b = try await f.cache.check(CacheLookup(prompt: prompt, filters: tenantB, numResults: 10))
                #expect(b.map(\.response) == ["B's answer"])
                let other = try await f.cache.check(CacheLookup(prompt: prompt, filters: ["tenant": "initech"], numResults: 10))
                #expect(other.isEmpty, "a tenant with no entries sees none")
            }
            // A lookup filtering on one field sees every entry with that value.
            let byModel = try await f.cache.check(CacheLookup(prompt: F.paraphrase, filters: ["model": "gpt-4.1"], numResults: 10))
            #expect(Set(byModel.map(\.key)) == [keyA, keyB])
            let wrongModel = try await f.cache.check(CacheLookup(prompt: F.question, filters: ["tenant": "globex", "model": "gpt-4o"]))
            #expect(wrongModel.isEmpty)
        }
    }

    @Test func hitsComeNearestFirstUpToNumResults() async throws {
        try await F.with(threshold: 0.5) { f in
            for prompt in [F.loosest, F.question, F.unrelated, F.looser] {
                try await f.cache.store(CacheWrite(prompt: prompt, response: "answer to \(prompt)"))
            }
            let query = await f.vector(F.question)  // 0, 0.25, 0.375 and 1.0 away from the four
            let two = try await f.cache.check(CacheLookup(vector: query, numResults: 2))
            #expect(two.map(\.prompt) == [F.question, F.looser])
            let all = try await f.cache.check(CacheLookup(vector: query, numResults: 10))
            #expect(all.map(\.prompt) == [F.question, F.looser, F.loosest])
            #expect(zip(all.map(\.distance), [0, 0.25, 0.375]).allSatisfy { abs($0 - $1) < 1e-6 })

            // The exact hit comes first, then the vector search's others, without repeating it.
            let merged = try await f.cache.check(CacheLookup(prompt: F.looser, numResults: 3))
            #expect(merged.map(\.prompt) == [F.looser, F.loosest, F.question])
            #expect(merged.map(\.exact) == [true, false, false])
        }
    }

    @Test func statsCountLookupsAndEntries() async throws {
        try await F.with { f in
            try await f.cache.store(CacheWrite(prompt: F.question, response: "Paris."))
            try await f.cache.store(CacheWrite(prompt: F.unrelated, response: "8849 m"))
            _ = try await f.cache.check(CacheLookup(prompt: F.question))
            _ = try await f.cache.check(CacheLookup(prompt: F.paraphrase, distanceThreshold: 0.2))
            _ = try await f.cache.check(CacheLookup(prompt: F.loosest))
            let stats = try await f.cache.stats()
            #expect(stats.name == f.cache.name && stats.backend == "redis" && stats.bytes == nil)
            #expect(stats.entries == 2 && stats.stores == 2)
            #expect(stats.hits == 2 && stats.exactHits == 1 && stats.misses == 1)
        }
    }
}
