/// What `SemanticCache.check` looks for: a prompt (embedded unless `vector` is given) or a vector alone.
public struct CacheLookup: Sendable {
    /// The prompt; nil when only a vector is given (then the exact-match path is skipped).
    public var prompt: String?
    /// The prompt's vector, when the caller already has it (the gateway embeds once for routing and cache).
    public var vector: [Float]?
    /// Overrides the cache's distance threshold for this lookup (0...2; 0 finds only identical vectors).
    public var distanceThreshold: Double?
    /// Only entries whose filter fields equal all of these are seen.
    public var filters: [String: String]
    /// How many hits at most, nearest first.
    public var numResults: Int

    /// A lookup by prompt and/or vector.
    public init(
        prompt: String? = nil, vector: [Float]? = nil, distanceThreshold: Double? = nil,
        filters: [String: String] = [:], numResults: Int = 1
    ) {
        self.prompt = prompt
        self.vector = vector
        self.distanceThreshold = distanceThreshold
        self.filters = filters
        self.numResults = numResults
    }

    /// Throws on a lookup that cannot run: neither prompt nor vector, a bad threshold or count, or a filter
    /// on a field the cache does not have.
    func validate(_ configuration: CacheConfiguration) throws(CacheError) {
        if prompt == nil && vector == nil {
            throw CacheError(code: "invalid_lookup", message: "either a prompt or a vector must be given")
        }
        if let distanceThreshold { try CacheError.checkThreshold(distanceThreshold) }
        if numResults < 1 {
            throw CacheError(code: "invalid_lookup", message: "num_results must be at least 1, got \(numResults)")
        }
        try CacheWrite.checkFilters(filters, configuration)
    }
}
