/// Where routes and cache entries live (`store:` in the config): embedded in this process (persisted in a
/// data directory) or on Redis, in RedisVL's layout.
public struct StoreSettings: Sendable, Equatable {
    /// The kind of store.
    public enum Kind: String, Sendable, Equatable {
        /// In-process indexes, saved under `dataDirectory`.
        case embedded
        /// Redis 8 (or Redis Stack) with the query engine.
        case redis
    }

    /// `embedded` (default) or `redis`.
    public var kind: Kind
    /// Folder of the embedded store, relative to the working directory unless absolute. Default `.junction`.
    public var dataDirectory: String
    /// The Redis URL (`redis://`, `rediss://`), with `kind == .redis`. Default `redis://127.0.0.1:6379`.
    public var redisURL: String
    /// When Redis cannot be reached at start, run on the embedded store instead of failing. Default true.
    public var fallbackToEmbedded: Bool
    /// Prefix of Junction's own Redis keys (API keys, limits, configuration versions). Default `junction`.
    public var namespace: String

    /// Settings; see each property for its default.
    public init(
        kind: Kind = .embedded, dataDirectory: String = ".junction", redisURL: String = "redis://127.0.0.1:6379", fallbackToEmbedded: Bool = true,
        namespace: String = "junction"
    ) {
        self.namespace = namespace
        self.kind = kind
        self.dataDirectory = dataDirectory
        self.redisURL = redisURL
        self.fallbackToEmbedded = fallbackToEmbedded
    }

    init(_ node: ConfigNode) throws(GatewayError) {
        self.init()
        let members = try node.mapping(allowed: ["type", "data_dir", "url", "fallback_to_embedded", "namespace"])
        if let value = members["type"] {
            let text = try value.string()
            guard let parsed = Kind(rawValue: text) else { throw value.error("must be embedded or redis, got '\(text)'") }
            kind = parsed
        }
        if let value = members["data_dir"] { dataDirectory = try value.nonEmptyString() }
        if let value = members["url"] {
            redisURL = try value.nonEmptyString()
            guard redisURL.hasPrefix("redis://") || redisURL.hasPrefix("rediss://") || redisURL.hasPrefix("unix://") else {
                throw value.error("must be a redis:// or rediss:// URL, got '\(redisURL)'")
            }
        }
        if let value = members["fallback_to_embedded"] { fallbackToEmbedded = try value.bool() }
        if let value = members["namespace"] {
            namespace = try value.nonEmptyString()
            guard namespace.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
                throw value.error("may hold letters, digits, '-', '_' and '.' only, got '\(namespace)'")
            }
        }
        if kind == .embedded, let url = members["url"] { throw url.error("is for type: redis (the store is embedded)") }
    }
}
