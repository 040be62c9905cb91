@testable import JunctionEmbeddings
import Synchronization
import Testing

/// The in-process layer: least recently used out first, bounded in entries and bytes, entries expire.
@Suite struct MemoryEmbeddingsCacheTests {
    @Test func evictsTheLeastRecentlyUsedPastTheEntryBound() {
        let cache = MemoryEmbeddingsCache(maxEntries: 2, maxBytes: 1 << 20, ttl: nil)
        cache.store([1], text: "a", model: "m")
        cache.store([2], text: "b", model: "m")
        #expect(cache.vector(text: "a", model: "m") == [1])  // a is now the most recent
        cache.store([3], text: "c", model: "m")
        #expect(cache.vector(text: "b", model: "m") == nil)
        #expect(cache.vector(text: "a", model: "m") == [1])
        #expect(cache.vector(text: "c", model: "m") == [3])
        #expect(cache.usage.entries == 2)
    }

    @Test func staysUnderItsByteBound() {
        let cache = MemoryEmbeddingsCache(maxEntries: 1000, maxBytes: 10_000, ttl: nil)
        for index in 0..<100 { cache.store([Float](repeating: 1, count: 384), text: "text \(index)", model: "m") }
        #expect(cache.usage.bytes <= 10_000)
        #expect(cache.usage.entries >= 1)
        #expect(cache.vector(text: "text 99", model: "m") != nil)
        #expect(cache.vector(text: "text 0", model: "m") == nil)
    }

    @Test func modelsDoNotShareEntries() {
        let cache = MemoryEmbeddingsCache(maxEntries: 10, maxBytes: 1 << 20, ttl: nil)
        cache.store([1], text: "a", model: "minilm")
        #expect(cache.vector(text: "a", model: "mpnet") == nil)
    }

    @Test func entriesExpireTTLSecondsAfterTheirLastUse() {
        let clock = Mutex(0.0)
        let cache = MemoryEmbeddingsCache(maxEntries: 10, maxBytes: 1 << 20, ttl: 60, now: { clock.withLock { $0 } })
        cache.store([1], text: "a", model: "m")
        clock.withLock { $0 = 50 }
        #expect(cache.vector(text: "a", model: "m") == [1])  // refreshed: now expires at 110
        clock.withLock { $0 = 100 }
        #expect(cache.vector(text: "a", model: "m") == [1])
        clock.withLock { $0 = 161 }
        #expect(cache.vector(text: "a", model: "m") == nil)
        #expect(cache.usage.entries == 0)
    }
}
