/// A semantic cache's size and the activity this process has seen.
public struct CacheStats: Sendable, Equatable, Codable {
    /// The cache's name.
    public var name: String
    /// Where it lives: `embedded` or `redis`.
    public var backend: String
    /// Entries stored now.
    public var entries: Int
    /// Approximate bytes held (embedded store); nil on Redis.
    public var bytes: Int?
    /// Lookups answered, by either path, since this process opened the cache.
    public var hits: Int
    /// Lookups answered by the exact-match path.
    public var exactHits: Int
    /// Lookups that found nothing.
    public var misses: Int
    /// Entries stored.
    public var stores: Int
    /// Entries evicted to stay within the bounds (embedded store).
    public var evictions: Int
    /// Entries removed because their TTL ran out (embedded store; Redis expires keys itself).
    public var expirations: Int

    /// Hits over lookups, 0 before any lookup.
    public var hitRatio: Double { hits + misses == 0 ? 0 : Double(hits) / Double(hits + misses) }

    /// Creates stats.
    public init(
        name: String, backend: String, entries: Int, bytes: Int?, hits: Int, exactHits: Int, misses: Int,
        stores: Int, evictions: Int, expirations: Int
    ) {
        self.name = name
        self.backend = backend
        self.entries = entries
        self.bytes = bytes
        self.hits = hits
        self.exactHits = exactHits
        self.misses = misses
        self.stores = stores
        self.evictions = evictions
        self.expirations = expirations
    }

    enum CodingKeys: String, CodingKey {
        case name, backend, entries, bytes, hits, misses, stores, evictions, expirations
        case exactHits = "exact_hits"
    }
}
