/// How a semantic cache is set up. Defaults are RedisVL's (`llmcache`, threshold 0.1, no TTL) plus Junction's
/// scope fields and, for the embedded store, bounds.
public struct CacheConfiguration: Sendable, Equatable {
    /// The cache's name: its index name and key prefix on Redis, its folder in the data directory.
    public var name: String
    /// Cosine distance under which (inclusive) a stored prompt answers a lookup, 0...2.
    public var distanceThreshold: Double
    /// Seconds an entry lives after it is stored or hit; nil keeps entries until evicted or dropped.
    public var ttl: Int?
    /// Names of the TAG fields entries can carry and lookups can filter on (RedisVL's `filterable_fields`).
    public var filterableFields: [String]
    /// The embedded store keeps at most this many entries, evicting the least recently used; nil: no limit.
    public var maxEntries: Int?
    /// The embedded store keeps at most about this many bytes (prompts, responses, metadata, vectors);
    /// nil: no limit.
    public var maxBytes: Int?

    /// Creates a configuration; see each property for its meaning and default.
    public init(
        name: String = "llmcache",
        distanceThreshold: Double = 0.1,
        ttl: Int? = nil,
        filterableFields: [String] = CacheScope.fieldNames,
        maxEntries: Int? = nil,
        maxBytes: Int? = nil
    ) {
        self.name = name
        self.distanceThreshold = distanceThreshold
        self.ttl = ttl
        self.filterableFields = filterableFields
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
    }

    /// Field names an entry's filters may not use: RedisVL's own hash fields.
    public static let reservedFields: Set<String> = [
        "entry_id", "prompt", "response", "prompt_vector", "inserted_at", "updated_at", "metadata", "key",
        "vector_distance", "id",
    ]

    /// Throws `invalid_configuration` naming the first bad setting.
    public func validate() throws(CacheError) {
        if name.isEmpty || name.contains(where: { $0 == ":" || $0.isWhitespace }) {
            throw CacheError(code: "invalid_configuration", message: "cache name '\(name)' must be non-empty, without ':' or spaces")
        }
        try CacheError.checkThreshold(distanceThreshold)
        if let ttl, ttl <= 0 {
            throw CacheError(code: "invalid_configuration", message: "ttl must be a positive number of seconds, got \(ttl)")
        }
        for field in filterableFields {
            if Self.reservedFields.contains(field) {
                throw CacheError(code: "invalid_configuration", message: "'\(field)' is a reserved field name for the semantic cache schema")
            }
            if field.isEmpty || !field.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                throw CacheError(code: "invalid_configuration", message: "filterable field '\(field)' must be letters, digits and '_'")
            }
        }
        if Set(filterableFields).count != filterableFields.count {
            throw CacheError(code: "invalid_configuration", message: "filterable fields must be distinct: \(filterableFields)")
        }
        if let maxEntries, maxEntries < 1 {
            throw CacheError(code: "invalid_configuration", message: "max_entries must be at least 1, got \(maxEntries)")
        }
        if let maxBytes, maxBytes < 1 {
            throw CacheError(code: "invalid_configuration", message: "max_bytes must be at least 1, got \(maxBytes)")
        }
    }
}
