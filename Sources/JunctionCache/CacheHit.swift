import JunctionJSON

/// A stored entry that answers a lookup, as RedisVL's `check` returns it.
public struct CacheHit: Sendable, Equatable {
    /// The entry's id: `hashify(prompt, filters)`.
    public var entryID: String
    /// The entry's key: `{name}:{entryID}`.
    public var key: String
    /// The prompt that was stored.
    public var prompt: String
    /// The response that was stored.
    public var response: String
    /// Cosine distance between the lookup and the stored prompt (0 for the exact-match path).
    public var distance: Double
    /// Unix time the entry was stored.
    public var insertedAt: Double
    /// Unix time the entry was last stored or updated.
    public var updatedAt: Double
    /// The entry's free metadata, nil when none was stored.
    public var metadata: JSONValue?
    /// The entry's filter fields.
    public var filters: [String: String]
    /// True when the exact-match path answered (same normalised prompt and scope, no vector search).
    public var exact: Bool

    /// Creates a hit.
    public init(
        entryID: String, key: String, prompt: String, response: String, distance: Double,
        insertedAt: Double, updatedAt: Double, metadata: JSONValue?, filters: [String: String], exact: Bool
    ) {
        self.entryID = entryID
        self.key = key
        self.prompt = prompt
        self.response = response
        self.distance = distance
        self.insertedAt = insertedAt
        self.updatedAt = updatedAt
        self.metadata = metadata
        self.filters = filters
        self.exact = exact
    }
}
