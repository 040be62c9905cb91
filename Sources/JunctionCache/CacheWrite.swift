import JunctionJSON

/// What `SemanticCache.store` stores.
public struct CacheWrite: Sendable {
    /// The prompt (the id is `hashify(prompt, filters)`).
    public var prompt: String
    /// The response.
    public var response: String
    /// The prompt's vector; nil to embed the prompt.
    public var vector: [Float]?
    /// Free metadata, stored as a JSON object (RedisVL stores it as `json.dumps(metadata)`).
    public var metadata: [String: JSONValue]?
    /// Filter fields (each must be one of the cache's filterable fields).
    public var filters: [String: String]
    /// This entry's time to live in seconds, instead of the cache's.
    public var ttl: Int?

    /// An entry to store.
    public init(
        prompt: String, response: String, vector: [Float]? = nil, metadata: [String: JSONValue]? = nil,
        filters: [String: String] = [:], ttl: Int? = nil
    ) {
        self.prompt = prompt
        self.response = response
        self.vector = vector
        self.metadata = metadata
        self.filters = filters
        self.ttl = ttl
    }

    /// Throws on an entry that cannot be stored.
    func validate(_ configuration: CacheConfiguration) throws(CacheError) {
        try Self.checkFilters(filters, configuration)
        if let ttl, ttl <= 0 {
            throw CacheError(code: "invalid_ttl", message: "ttl must be a positive number of seconds, got \(ttl)")
        }
    }

    /// Throws `invalid_filter` for a field the cache does not have or an empty value.
    static func checkFilters(_ filters: [String: String], _ configuration: CacheConfiguration) throws(CacheError) {
        for (field, value) in filters.sorted(by: { $0.key < $1.key }) {
            guard configuration.filterableFields.contains(field) else {
                throw CacheError(
                    code: "invalid_filter",
                    message: "'\(field)' is not a filterable field of cache '\(configuration.name)' (fields: \(configuration.filterableFields.joined(separator: ", ")))"
                )
            }
            if value.isEmpty {
                throw CacheError(code: "invalid_filter", message: "filter '\(field)' has an empty value")
            }
        }
    }
}
