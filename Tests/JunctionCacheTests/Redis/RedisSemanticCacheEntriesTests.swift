import JunctionCache
import JunctionJSON
import JunctionRedis
import JunctionTestSupport
import Testing

/// Entries of the Redis cache against a real Redis: TTLs, update, drop, clear, delete, the index's schema
/// and bad input.
@Suite(.redisServer) struct RedisSemanticCacheEntriesTests {
    typealias F = RedisCacheFixture

    @Test func ttlIsSetOnStoreAndRefreshedOnEveryHit() async throws {
        try await F.with(ttl: 300, threshold: 0.2) { f in
            let key = try await f.cache.store(CacheWrite(prompt: F.question, response: "Paris."))
            #expect(expires(try await f.expiry(key), within: 290...300))
            for lookup in [CacheLookup(prompt: F.question), CacheLookup(prompt: F.paraphrase)] {
                // A minute left: long enough for a lookup on a loaded machine, far from the cache's 300 s.
                _ = try await f.client.send(EXPIRE(key, seconds: 60))
                #expect(expires(try await f.expiry(key), within: 0...60))
                #expect(try await f.cache.check(lookup).count == 1)
                #expect(expires(try await f.expiry(key), within: 290...300), "a hit gives the entry the cache's TTL again")
            }
            // A per-entry TTL wins on store; a hit then gives the cache's (as RedisVL).
            let short = try await f.cache.store(CacheWrite(prompt: F.unrelated, response: "8849 m", ttl: 20))
            #expect(expires(try await f.expiry(short), within: 10...20))
            _ = try await f.cache.check(CacheLookup(prompt: F.unrelated))
            #expect(expires(try await f.expiry(short), within: 290...300))
        }
    }

    @Test func withoutACacheTTLEntriesPersistUnlessStoredWithOne() async throws {
        try await F.with { f in
            let key = try await f.cache.store(CacheWrite(prompt: F.question, response: "Paris."))
            #expect(try await f.expiry(key) == .persistent)
            _ = try await f.cache.check(CacheLookup(prompt: F.question))
            #expect(try await f.expiry(key) == .persistent)
            let short = try await f.cache.store(CacheWrite(prompt: F.unrelated, response: "8849 m", ttl: 30))
            #expect(expires(try await f.expiry(short), within: 20...30))
        }
    }

    @Test func storingAgainReplacesTheEntry() async throws {
        try await F.with { f in
            let key = try await f.cache.store(CacheWrite(prompt: F.question, response: "Paris?", metadata: ["v": .number(1)]))
            let again = try await f.cache.store(CacheWrite(prompt: F.question, response: "Paris."))
            #expect(again == key)
            let hash = try await f.hash(key)
            #expect(hash["response"] == "Paris." && hash["metadata"] == nil)
            #expect(try await f.cache.stats().entries == 1)
        }
    }

    @Test func updateChangesFieldsAndRefreshesTheTTL() async throws {
        try await F.with(ttl: 300) { f in
            let key = try await f.cache.store(CacheWrite(prompt: F.question, response: "Paris?", filters: ["tenant": "acme"]))
            let before = try await f.hash(key)
            _ = try await f.client.send(EXPIRE(key, seconds: 5))
            try await f.cache.update(key: key, CacheUpdate(response: "Paris.", metadata: ["checked": .bool(true)], filters: ["model": "m1"]))
            let after = try await f.hash(key)
            #expect(after["response"] == "Paris." && after["metadata"] == #"{"checked": true}"#)
            #expect(after["model"] == "m1" && after["tenant"] == "acme" && after["prompt"] == F.question)
            #expect(Double(after["updated_at"] ?? "") ?? 0 >= Double(before["updated_at"] ?? "") ?? .infinity)
            #expect(after["inserted_at"] == before["inserted_at"])
            #expect(expires(try await f.expiry(key), within: 290...300))
            let hit = try #require(try await f.cache.check(CacheLookup(prompt: F.question, filters: ["tenant": "acme"])).first)
            #expect(hit.response == "Paris." && hit.metadata == .object(["checked": .bool(true)]))
            #expect(hit.filters == ["tenant": "acme", "model": "m1"])

            _ = try await f.client.send(EXPIRE(key, seconds: 5))
            try await f.cache.update(key: key, CacheUpdate())
            #expect(expires(try await f.expiry(key), within: 290...300), "an empty update only refreshes the TTL")
            #expect(try await f.hash(key)["updated_at"] == after["updated_at"])

            let missing = await #expect(throws: CacheError.self) {
                try await f.cache.update(key: "\(f.cache.name):nope", CacheUpdate(response: "x"))
            }
            #expect(missing?.code == "not_found")
            #expect(try await f.hash("\(f.cache.name):nope").isEmpty, "updating a missing entry creates nothing")
            let foreign = await #expect(throws: CacheError.self) { try await f.cache.update(key: "other:\(key)", CacheUpdate()) }
            #expect(foreign?.code == "not_found")
            let badField = await #expect(throws: CacheError.self) { try await f.cache.update(key: key, CacheUpdate(filters: ["user": "x"])) }
            #expect(badField?.code == "invalid_update")
        }
    }

    @Test func dropRemovesEntriesByIDAndByKey() async throws {
        try await F.with { f in
            let first = try await f.cache.store(CacheWrite(prompt: F.question, response: "Paris."))
            let second = try await f.cache.store(CacheWrite(prompt: F.unrelated, response: "8849 m"))
            let third = try await f.cache.store(CacheWrite(prompt: F.looser, response: "Paris"))
            let firstID = String(first.dropFirst(f.cache.name.count + 1))
            #expect(try await f.cache.drop(ids: [firstID, "missing"], keys: [second]) == 2)
            #expect(try await f.cache.drop(ids: [], keys: [second, "elsewhere:\(firstID)"]) == 0)
            #expect(try await f.cache.check(CacheLookup(prompt: F.question)).isEmpty)
            #expect(try await f.cache.check(CacheLookup(prompt: F.looser)).map(\.key) == [third])
            #expect(try await f.cache.stats().entries == 1)
        }
    }

    @Test func clearEmptiesTheCacheAndKeepsItUsable() async throws {
        try await F.with { f in
            for index in 0..<1_203 {
                try await f.cache.store(CacheWrite(prompt: "prompt \(index)", response: "r", filters: ["tenant": "t\(index % 3)"]))
            }
            // A key of another cache whose name starts the same is left alone.
            let neighbour = "\(f.cache.name)x:keep"
            _ = try await f.client.send(["SET", .string(neighbour), "1"])
            #expect(try await f.cache.stats().entries == 1_203)
            #expect(try await f.cache.clear() == 1_203)
            #expect(try await f.cache.stats().entries == 0)
            #expect(try await f.client.send(EXISTS(neighbour)) == 1)
            _ = try await f.client.send(DEL(neighbour))
            let key = try await f.cache.store(CacheWrite(prompt: F.question, response: "Paris."))
            #expect(try await f.cache.check(CacheLookup(prompt: F.paraphrase, distanceThreshold: 0.2)).map(\.key) == [key])
            #expect(try await f.cache.clear() == 1)
            #expect(try await f.cache.clear() == 0)
        }
    }

    @Test func deleteDropsTheIndexAndItsEntries() async throws {
        try await F.with { f in
            let key = try await f.cache.store(CacheWrite(prompt: F.question, response: "Paris."))
            try await f.cache.delete()
            #expect(try await f.client.send(EXISTS(key)) == 0)
            let stats = await #expect(throws: CacheError.self) { try await f.cache.stats() }
            #expect(stats?.code == "not_found")
            let again = await #expect(throws: CacheError.self) { try await f.cache.delete() }
            #expect(again?.code == "not_found")
            let lookup = await #expect(throws: CacheError.self) { try await f.cache.check(CacheLookup(prompt: F.paraphrase)) }
            #expect(lookup?.code == "redis")
            #expect(lookup?.message.hasPrefix("searching cache \(f.cache.name): ") == true)
        }
    }
}
