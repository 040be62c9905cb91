/// The embeddings cache: RedisVL's `EmbeddingsCache` on Redis (shared by every instance and by RedisVL's
/// vectorizers), with a bounded in-process LRU in front.
public struct EmbeddingsCacheConfiguration: Sendable, Equatable {
    /// RedisVL's `EmbeddingsCache(name=…)`: keys are `{name}:{sha256(text:model)}`. Default `embedcache`.
    public var name: String
    /// Seconds an entry lives after it is stored or read, on Redis and in memory; nil: no expiry (RedisVL's
    /// default). Default nil.
    public var ttl: Int?
    /// The in-process LRU keeps at most this many vectors. Default 10,000.
    public var memoryEntries: Int
    /// The in-process LRU keeps at most about this many bytes (vectors and texts). Default 64 MiB.
    public var memoryBytes: Int

    /// A configuration; see each property for its default.
    public init(name: String = "embedcache", ttl: Int? = nil, memoryEntries: Int = 10_000, memoryBytes: Int = 64 << 20) {
        self.name = name
        self.ttl = ttl
        self.memoryEntries = memoryEntries
        self.memoryBytes = memoryBytes
    }

    /// Throws `invalid_configuration` naming the first bad setting.
    func validate() throws(EmbeddingsError) {
        guard !name.isEmpty, !name.contains(where: \.isWhitespace) else {
            throw .invalidConfiguration("embeddings cache name '\(name)' must be non-empty, without spaces")
        }
        if let ttl, ttl <= 0 { throw .invalidConfiguration("embeddings cache ttl must be a positive number of seconds, got \(ttl)") }
        guard memoryEntries >= 0, memoryBytes >= 0 else {
            throw .invalidConfiguration("embeddings cache memory bounds must not be negative")
        }
    }
}
