import JunctionCache

/// The semantic cache in the request path (`cache:` in the config).
public struct CacheSettings: Sendable, Equatable {
    /// Whether answers are looked up and stored at all. Default true.
    public var enabled: Bool
    /// Name, threshold, TTL and bounds of the cache (`name`, `distance_threshold`, `ttl_seconds`,
    /// `max_entries`, `max_bytes`). Defaults: `llmcache`, 0.1, one day, 100,000 entries, no byte bound.
    public var configuration: CacheConfiguration
    /// Whether entries are scoped by tenant, model, system prompt and earlier turns. Default true; false is an
    /// explicit opt-out that lets every caller see every answer.
    public var scoped: Bool
    /// What may be served and stored (`max_temperature`, `cache_tool_calls`).
    public var policy: CachePolicy

    /// Settings; see each property for its default.
    public init(
        enabled: Bool = true,
        configuration: CacheConfiguration = CacheConfiguration(ttl: 86_400, maxEntries: 100_000),
        scoped: Bool = true,
        policy: CachePolicy = CachePolicy()
    ) {
        self.enabled = enabled
        self.configuration = configuration
        self.scoped = scoped
        self.policy = policy
    }

    static let keys = [
        "enabled", "name", "distance_threshold", "ttl_seconds", "max_entries", "max_bytes", "scope",
        "max_temperature", "cache_tool_calls",
    ]

    init(_ node: ConfigNode) throws(GatewayError) {
        self.init()
        let members = try node.mapping(allowed: Self.keys)
        if let value = members["enabled"] { enabled = try value.bool() }
        if let value = members["name"] { configuration.name = try value.nonEmptyString() }
        if let value = members["distance_threshold"] { configuration.distanceThreshold = try value.double(0...2) }
        if let value = members["ttl_seconds"] { configuration.ttl = try value.isNull ? nil : value.int(1...Int(Int32.max)) }
        if let value = members["max_entries"] { configuration.maxEntries = try value.isNull ? nil : value.int(1...Int(Int32.max)) }
        if let value = members["max_bytes"] { configuration.maxBytes = try value.isNull ? nil : value.int(1...Int.max) }
        if let value = members["scope"] { scoped = try value.bool() }
        if let value = members["max_temperature"] { policy.maxTemperature = try value.double(0...2) }
        if let value = members["cache_tool_calls"] { policy.cacheToolCalls = try value.bool() }
        do {
            try configuration.validate()
        } catch {
            throw node.error(error.message)
        }
    }
}
