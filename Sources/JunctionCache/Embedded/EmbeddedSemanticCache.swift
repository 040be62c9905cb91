import Foundation
import JunctionEncoder
import JunctionIndex
import JunctionJSON
import Synchronization

/// A semantic cache in this process's memory, bounded, persisted to the data directory, with RedisVL's
/// `SemanticCache` semantics (see `SemanticCache`).
///
/// - Search is an `IVFIndex`: exact up to 20,000 entries, then inverted lists re-scored in single precision
///   (recall against exact search is measured by `junction bench cache`, see docs/cache.md); filters are
///   applied to candidates before the nearest are chosen, so a narrow scope loses no hits.
/// - Bounds: at most `maxEntries` entries and about `maxBytes` bytes, evicting the least recently used
///   (a hit counts as a use); expired entries are never served and are swept as stores go on.
/// - Persistence: `flush()` writes `<directory>/cache.jsonl` atomically when something changed; `open`
///   reads it back, skipping expired entries. The file records the model, and a cache built with another
///   model is refused rather than silently mixed.
///
/// Safe to share: one lock guards the contents; embedding runs outside it.
public final class EmbeddedSemanticCache: SemanticCache {
    /// The cache's settings.
    public let configuration: CacheConfiguration
    let embedder: any TextEmbedder
    /// Where the cache file lives; nil for a cache that is never written.
    public let directory: URL?
    let now: @Sendable () -> Double
    let state: Mutex<EmbeddedCacheState>
    let counters = CacheCounters()

    init(configuration: CacheConfiguration, embedder: any TextEmbedder, directory: URL?, state: EmbeddedCacheState, now: @escaping @Sendable () -> Double) {
        self.configuration = configuration
        self.embedder = embedder
        self.directory = directory
        self.now = now
        self.state = Mutex(state)
    }

    /// Opens the cache: reads `<directory>/cache.jsonl` when it exists, else starts empty.
    ///
    /// - Parameters:
    ///   - directory: the cache's own folder (e.g. `<data dir>/caches/<name>`); nil keeps it in memory only.
    ///   - index: the approximate index's settings.
    ///   - now: the clock (Unix seconds), for TTLs; tests pass their own.
    public static func open(
        configuration: CacheConfiguration, embedder: any TextEmbedder, directory: URL?,
        index: IVFConfiguration = IVFConfiguration(),
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) throws(CacheError) -> EmbeddedSemanticCache {
        try configuration.validate()
        var state = EmbeddedCacheState(dimension: embedder.dimension, indexConfiguration: index)
        if let directory {
            try CacheFile.load(from: directory, into: &state, model: embedder.modelName, now: now())
            state.dirty = false
        }
        return EmbeddedSemanticCache(configuration: configuration, embedder: embedder, directory: directory, state: state, now: now)
    }

    var keyPrefix: String { configuration.name + ":" }

    // MARK: Lookups

    public func check(_ lookup: CacheLookup) async throws(CacheError) -> [CacheHit] {
        try lookup.validate(configuration)
        let threshold = lookup.distanceThreshold ?? configuration.distanceThreshold
        if let prompt = lookup.prompt, lookup.numResults == 1, let hit = exactHit(prompt, filters: lookup.filters) {
            counters.recordLookup([hit])
            return [hit]
        }
        let vector = try await embedder.vector(lookup.vector, for: lookup.prompt)
        let hits = try search(vector, threshold: threshold, lookup: lookup, exhaustive: false)
        counters.recordLookup(hits)
        return hits
    }

    /// The same lookup answered by scanning every entry (no exact-match path, no approximation, no counters):
    /// the reference the cache's recall is measured against (`junction bench cache`).
    public func exhaustiveCheck(_ lookup: CacheLookup) async throws(CacheError) -> [CacheHit] {
        try lookup.validate(configuration)
        let vector = try await embedder.vector(lookup.vector, for: lookup.prompt)
        return try search(vector, threshold: lookup.distanceThreshold ?? configuration.distanceThreshold, lookup: lookup, exhaustive: true)
    }

    /// The vector search of a lookup, under the lock; hits are refreshed unless `exhaustive`.
    private func search(_ vector: [Float], threshold: Double, lookup: CacheLookup, exhaustive: Bool) throws(CacheError) -> [CacheHit] {
        let time = now()
        return try state.withLock { state throws(CacheError) in
            let found: [(slot: Int, distance: Float)]
            do throws(IndexError) {
                let radius = Float(threshold), k = lookup.numResults, filters = lookup.filters
                found = exhaustive
                    ? try state.index.exactSearch(vector, within: radius, k: k) { state.entries[$0]?.isLive(at: time, filters: filters) == true }
                    : try state.index.search(vector, within: radius, k: k) { state.entries[$0]?.isLive(at: time, filters: filters) == true }
            } catch {
                throw CacheError(code: "invalid_vector", message: error.message)
            }
            return found.compactMap { slot, distance in
                if !exhaustive { refresh(slot: slot, in: &state, at: time) }
                return state.entry(at: slot).map { $0.hit(key: keyPrefix + $0.entryID, distance: Double(distance), exact: false) }
            }
        }
    }

    /// The entry stored under the same normalised prompt and exactly the lookup's filters, if live.
    private func exactHit(_ prompt: String, filters: [String: String]) -> CacheHit? {
        let key = StoredEntry.exactKey(prompt: prompt, filters: filters)
        let time = now()
        return state.withLock { state in
            guard let slot = state.slotsByExactKey[key], let entry = state.entry(at: slot),
                  !entry.isExpired(at: time), entry.filters == filters else { return nil }
            refresh(slot: slot, in: &state, at: time)
            return entry.hit(key: keyPrefix + entry.entryID, distance: 0, exact: true)
        }
    }

    /// A hit: most recently used now, and the cache's TTL starts again (as RedisVL's `expire` on a hit).
    private func refresh(slot: Int, in state: inout EmbeddedCacheState, at time: Double) {
        state.recency.touch(slot)
        if let ttl = configuration.ttl, var entry = state.entry(at: slot) {
            entry.expiresAt = time + Double(ttl)
            state.entries[slot] = entry
            state.dirty = true
        }
    }

    // MARK: Changes

    @discardableResult
    public func store(_ write: CacheWrite) async throws(CacheError) -> String {
        try write.validate(configuration)
        let vector = try await embedder.vector(write.vector, for: write.prompt)
        guard vector.count == embedder.dimension else {
            throw CacheError(code: "invalid_vector", message: "vector has \(vector.count) dimensions, the cache \(embedder.dimension)")
        }
        let time = now()
        let entryID = Hashify.sha256Hex(write.prompt, extras: write.filters)
        let entry = StoredEntry(
            entryID: entryID, prompt: write.prompt, response: write.response, insertedAt: time, updatedAt: time,
            metadata: write.metadata.map { JSONValue.object($0) }, filters: write.filters,
            expiresAt: (write.ttl ?? configuration.ttl).map { time + Double($0) }
        )
        let (evicted, expired) = try state.withLock { state throws(CacheError) in
            do throws(IndexError) {
                _ = try state.add(entry, vector: vector)
            } catch {
                throw CacheError(code: "invalid_vector", message: error.message)
            }
            state.storesSinceSweep += 1
            let expired = state.storesSinceSweep >= max(1_000, state.count / 8) ? state.sweep(now: time) : 0
            return (state.evict(maxEntries: configuration.maxEntries, maxBytes: configuration.maxBytes), expired)
        }
        counters.record {
            $0.stores += 1
            $0.evictions += evicted
            $0.expirations += expired
        }
        return keyPrefix + entryID
    }

    public func update(key: String, _ update: CacheUpdate) async throws(CacheError) {
        if let filters = update.filters { try CacheWrite.checkFilters(filters, configuration) }
        let time = now()
        try state.withLock { state throws(CacheError) in
            guard key.hasPrefix(keyPrefix), let slot = state.slotsByID[String(key.dropFirst(keyPrefix.count))],
                  var entry = state.entry(at: slot), !entry.isExpired(at: time) else {
                throw CacheError(code: "not_found", message: "no entry '\(key)' in cache '\(configuration.name)'")
            }
            if !update.isEmpty {
                if let response = update.response { entry.response = response }
                if let metadata = update.metadata { entry.metadata = .object(metadata) }
                if let filters = update.filters { entry.filters.merge(filters) { $1 } }
                entry.updatedAt = time
                state.replace(slot: slot, with: entry)
            }
            refresh(slot: slot, in: &state, at: time)
        }
    }

    @discardableResult
    public func drop(ids: [String], keys: [String]) async throws(CacheError) -> Int {
        let targets = ids + keys.compactMap { $0.hasPrefix(keyPrefix) ? String($0.dropFirst(keyPrefix.count)) : nil }
        return state.withLock { state in
            var dropped = 0
            for id in Set(targets) {
                if let slot = state.slotsByID[id] {
                    state.remove(slot: slot)
                    dropped += 1
                }
            }
            return dropped
        }
    }

    @discardableResult
    public func clear() async throws(CacheError) -> Int {
        state.withLock { $0.removeAll() }
    }

    public func delete() async throws(CacheError) {
        _ = state.withLock { $0.removeAll() }
        if let directory { try CacheFile.remove(directory) }
        state.withLock { $0.dirty = false }
    }

    public func stats() async throws(CacheError) -> CacheStats {
        let (entries, bytes) = state.withLock { ($0.count, $0.bytes) }
        let values = counters.snapshot
        return CacheStats(
            name: configuration.name, backend: "embedded", entries: entries, bytes: bytes, hits: values.hits,
            exactHits: values.exactHits, misses: values.misses, stores: values.stores, evictions: values.evictions,
            expirations: values.expirations
        )
    }

    public func flush() async throws(CacheError) {
        guard let directory else { return }
        let time = now()
        let snapshot: EmbeddedCacheState? = state.withLock { state in
            guard state.dirty else { return nil }
            state.dirty = false
            return state
        }
        guard let snapshot else { return }
        do {
            try CacheFile.write(snapshot, to: directory, model: embedder.modelName, now: time)
        } catch {
            state.withLock { $0.dirty = true }
            throw error
        }
    }
}
