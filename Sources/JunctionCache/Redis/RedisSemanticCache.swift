import Foundation
import JunctionEncoder
import JunctionRedis

/// A semantic cache on Redis in exactly RedisVL's layout (`RedisCacheLayout`), so RedisVL's `SemanticCache`
/// and Junction share one cache: entries either stores are hits for the other, at the same distances.
///
/// Lookups run as RedisVL's: one `FT.SEARCH` with a `VECTOR_RANGE` clause (cosine distance, inclusive) and
/// the lookup's filters as TAG clauses, then `EXPIRE` of each hit when the cache has a TTL. Before that,
/// when a prompt is given, an exact-match fast path reads the entry of that prompt in that scope directly
/// (`HGETALL` of `{name}:{hashify(prompt, filters)}`, and of the normalised prompt's key): a hit there needs
/// neither an embedding nor a vector search, and has distance 0.
///
/// Beyond RedisVL: storing a prompt again without metadata removes the old entry's metadata (RedisVL's
/// `HSET` leaves it); `update` of an entry that does not exist throws `not_found` (RedisVL creates a partial
/// hash); search results whose key is not under `{name}:` are ignored (RedisVL's index prefix `{name}` also
/// covers the keys of a cache named, say, `{name}x`).
///
/// Safe to share between tasks: the only state is the Redis client and the activity counters.
public final class RedisSemanticCache: SemanticCache {
    /// The cache's settings.
    public let configuration: CacheConfiguration
    let layout: RedisCacheLayout
    let client: RedisClient
    let embedder: any TextEmbedder
    let counters = CacheCounters()

    init(configuration: CacheConfiguration, client: RedisClient, embedder: any TextEmbedder) {
        self.configuration = configuration
        self.layout = RedisCacheLayout(
            name: configuration.name, dimension: embedder.dimension, filterableFields: configuration.filterableFields
        )
        self.client = client
        self.embedder = embedder
    }

    /// The cache's name: its index name and key prefix on Redis.
    public var name: String { layout.name }

    /// Opens the cache `configuration.name` on Redis, with RedisVL's semantics:
    ///
    /// - no index `{name}`: `FT.CREATE` of RedisVL's cache index for the embedder's width and the
    ///   configuration's filterable fields;
    /// - the index exists and `overwrite` is false: its schema must be that index (same vector width, same
    ///   filterable fields), or this throws `schema_mismatch` saying what differs; entries are kept;
    /// - the index exists and `overwrite` is true: `FT.DROPINDEX {name}` without `DD` (entries are kept and
    ///   re-indexed), then `FT.CREATE`; returns once Redis has indexed the existing entries.
    public static func create(
        configuration: CacheConfiguration, client: RedisClient, embedder: any TextEmbedder, overwrite: Bool = false
    ) async throws(CacheError) -> RedisSemanticCache {
        try configuration.validate()
        guard embedder.dimension > 0 else {
            throw CacheError(code: "invalid_configuration", message: "the embedder \(embedder.modelName) has no vector width")
        }
        let cache = RedisSemanticCache(configuration: configuration, client: client, embedder: embedder)
        let expected = RedisCacheSchema.expected(for: cache.layout)
        if let existing = try await cache.indexSchema() {
            if !overwrite {
                let differences = RedisCacheSchema.differences(existing, from: expected)
                guard differences.isEmpty else {
                    throw CacheError(
                        code: "schema_mismatch",
                        message: "index \(cache.name) already exists on Redis and is not the semantic cache index for "
                            + "\(embedder.dimension)-d vectors with filterable fields [\(configuration.filterableFields.joined(separator: ", "))]: "
                            + differences.joined(separator: "; ") + ". Overwrite it to replace it."
                    )
                }
                return cache
            }
            _ = try await cache.send(["FT.DROPINDEX", .string(cache.name)], "dropping index \(cache.name)")
        }
        _ = try await cache.send(cache.layout.createCommand, "creating index \(cache.name)")
        try await cache.waitForIndexing()
        return cache
    }

    // MARK: Lookups

    /// Stored entries close enough to the lookup's prompt or vector, in its scope, nearest first: the
    /// exact-match path, then (when it found nothing or more hits are wanted) the vector search.
    public func check(_ lookup: CacheLookup) async throws(CacheError) -> [CacheHit] {
        try lookup.validate(configuration)
        if let vector = lookup.vector { try checkVector(vector) }
        var hits: [CacheHit] = []
        if let prompt = lookup.prompt, let exact = try await exactHit(prompt: prompt, filters: lookup.filters) {
            hits.append(exact)
        }
        if hits.isEmpty || lookup.numResults > 1 {
            let vector: [Float]
            if let given = lookup.vector {
                vector = given
            } else {
                vector = try await embed(lookup.prompt ?? "")
                try checkVector(vector)
            }
            let found = try await search(
                vector: vector, threshold: lookup.distanceThreshold ?? configuration.distanceThreshold,
                filters: lookup.filters, numResults: lookup.numResults
            )
            let exactKeys = Set(hits.map(\.key))
            hits += found.filter { !exactKeys.contains($0.key) }
            hits = Array(hits.prefix(lookup.numResults))
        }
        try await refreshTTL(of: hits.map(\.key))
        counters.recordLookup(hits)
        return hits
    }

    /// The entry of `prompt` (or of its normalised form) in the scope `filters`, read by key.
    func exactHit(prompt: String, filters: [String: String]) async throws(CacheError) -> CacheHit? {
        var keys = [layout.key(id: RedisCacheLayout.entryID(prompt: prompt, filters: filters))]
        let normalized = PromptNormalization.normalize(prompt)
        if normalized != prompt {
            keys.append(layout.key(id: RedisCacheLayout.entryID(prompt: normalized, filters: filters)))
        }
        let replies = try await sendAll(keys.map { ["HGETALL", .string($0)] }, "reading entries of cache \(name)")
        for (key, reply) in zip(keys, replies) {
            guard let fields = RedisCacheReply.hashFields(reply) else {
                throw CacheError(code: "redis", message: "reading entries of cache \(name): unexpected HGETALL reply")
            }
            if let hit = layout.hit(key: key, fields: fields, distance: 0, exact: true) { return hit }
        }
        return nil
    }

    /// RedisVL's range query: entries within `threshold` of `vector` whose filter fields equal `filters`.
    func search(vector: [Float], threshold: Double, filters: [String: String], numResults: Int) async throws(CacheError) -> [CacheHit] {
        let command = layout.searchCommand(vector: vector, threshold: threshold, filters: filters, numResults: numResults)
        let reply = try await send(command, "searching cache \(name)")
        do {
            let prefix = name + ":"
            return try layout.hits(fromSearch: reply).filter { $0.key.hasPrefix(prefix) }
        } catch {
            throw CacheError(code: "redis", message: "searching cache \(name): unexpected FT.SEARCH reply")
        }
    }

    /// `EXPIRE` of each key with the cache's TTL (nothing without one), pipelined.
    func refreshTTL(of keys: [String]) async throws(CacheError) {
        guard let ttl = configuration.ttl, !keys.isEmpty else { return }
        _ = try await sendAll(keys.map { RedisCacheLayout.expireCommand(key: $0, seconds: ttl) }, "refreshing the TTL of entries of cache \(name)")
    }

    /// The embedding of `text` with the cache's model.
    func embed(_ text: String) async throws(CacheError) -> [Float] {
        try await embedder.vector(nil, for: text)
    }

    /// Throws `invalid_vector` unless `vector` has the cache's width and is finite and non-zero.
    func checkVector(_ vector: [Float]) throws(CacheError) {
        guard vector.count == layout.dimension else {
            throw CacheError(
                code: "invalid_vector",
                message: "a \(vector.count)-d vector cannot be used with cache \(name), whose vectors are \(layout.dimension)-d (\(embedder.modelName))"
            )
        }
        guard vector.allSatisfy(\.isFinite), vector.contains(where: { $0 != 0 }) else {
            throw CacheError(code: "invalid_vector", message: "the vector must be finite and non-zero to be compared by cosine distance")
        }
    }
}
