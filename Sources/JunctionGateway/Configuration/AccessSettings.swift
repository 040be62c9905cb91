import Foundation
import JunctionLimits

/// Who may call and how much (`auth:`, `limits:` and `admin:` in the config).
public struct AccessSettings: Sendable, Equatable {
    /// A key defined in the config file (`auth.keys[i]`).
    public struct ConfiguredKey: Sendable, Equatable {
        /// The environment variable holding the key (the executable reads it and fills `hash`).
        public var keyEnvironmentVariable: String?
        /// The key's SHA-256 in hex (given as `key_sha256`, or computed from the variable's value).
        public var hash: String?
        /// A name for people.
        public var name: String?
        /// Its tenant.
        public var tenant: String
        /// Models it may use; nil for any.
        public var models: [String]?
        /// Its limits (missing ones come from `limits.default`).
        public var limits: KeyLimits
        /// When it stops working.
        public var expiresAt: Date?
        /// Whether it works.
        public var enabled: Bool

        /// A configured key; see each property.
        public init(
            keyEnvironmentVariable: String? = nil, hash: String? = nil, name: String? = nil, tenant: String, models: [String]? = nil,
            limits: KeyLimits = KeyLimits(), expiresAt: Date? = nil, enabled: Bool = true
        ) {
            self.keyEnvironmentVariable = keyEnvironmentVariable
            self.hash = hash
            self.name = name
            self.tenant = tenant
            self.models = models
            self.limits = limits
            self.expiresAt = expiresAt
            self.enabled = enabled
        }

        /// The record the gateway checks requests against; nil while the key's hash is unknown (its
        /// variable is unset).
        public var record: APIKeyRecord? {
            guard let hash else { return nil }
            return APIKeyRecord(
                hash: hash, name: name, tenant: tenant, models: models, limits: limits, expiresAt: expiresAt,
                enabled: enabled, createdAt: Date(timeIntervalSince1970: 0), hint: name ?? "config", source: .config
            )
        }
    }

    /// `auth.required`: every `/v1` request needs a known, enabled, unexpired key (else 401). Default false:
    /// a request without a known key is served as today, its tenant named by its key's hash.
    public var required: Bool
    /// `auth.keys`.
    public var keys: [ConfiguredKey]
    /// `limits.default`: limits of every key that does not set its own (and, with keys optional, of every
    /// caller by its key's hash). Default: none.
    public var defaultLimits: KeyLimits
    /// `limits.per_model`: requests and tokens per minute counted per key and model (budgets stay per key).
    /// Default false.
    public var perModel: Bool
    /// `limits.on_redis_failure`: `open` (default: limit per instance until Redis is back) or `closed` (503).
    public var onRedisFailure: FailoverRateLimiter.Rule
    /// `limits.completion_estimate_tokens`: the completion tokens reserved for a request that sets no
    /// `max_tokens` / `max_completion_tokens`. Default 512.
    public var completionEstimateTokens: Int
    /// `admin.api_key_env`: the variable holding the admin key (the executable reads it into `adminKey`).
    /// Without an admin key the admin endpoints are off (404).
    public var adminKeyEnvironmentVariable: String?
    /// The admin key.
    public var adminKey: String?

    /// Settings; see each property for its default.
    public init(
        required: Bool = false, keys: [ConfiguredKey] = [], defaultLimits: KeyLimits = KeyLimits(), perModel: Bool = false,
        onRedisFailure: FailoverRateLimiter.Rule = .open, completionEstimateTokens: Int = 512,
        adminKeyEnvironmentVariable: String? = nil, adminKey: String? = nil
    ) {
        self.required = required
        self.keys = keys
        self.defaultLimits = defaultLimits
        self.perModel = perModel
        self.onRedisFailure = onRedisFailure
        self.completionEstimateTokens = completionEstimateTokens
        self.adminKeyEnvironmentVariable = adminKeyEnvironmentVariable
        self.adminKey = adminKey
    }

    /// Reads `auth:`.
    mutating func readAuth(_ node: ConfigNode) throws(GatewayError) {
        let members = try node.mapping(allowed: ["required", "keys"])
        if let value = members["required"] { required = try value.bool() }
        if let value = members["keys"], !value.isNull {
            keys = try value.sequence().map { (item: ConfigNode) throws(GatewayError) in try Self.configuredKey(item) }
        }
    }

    /// Reads `limits:`.
    mutating func readLimits(_ node: ConfigNode) throws(GatewayError) {
        let members = try node.mapping(allowed: ["default", "per_model", "on_redis_failure", "completion_estimate_tokens"])
        if let value = members["default"], !value.isNull { defaultLimits = try Self.limits(value.mapping(allowed: Self.limitKeys), node: value) }
        if let value = members["per_model"] { perModel = try value.bool() }
        if let value = members["on_redis_failure"] {
            let text = try value.string()
            guard let rule = FailoverRateLimiter.Rule(rawValue: text) else { throw value.error("must be open or closed, got '\(text)'") }
            onRedisFailure = rule
        }
        if let value = members["completion_estimate_tokens"] { completionEstimateTokens = try value.int(1...1_000_000) }
    }

    /// Reads `admin:`.
    mutating func readAdmin(_ node: ConfigNode) throws(GatewayError) {
        let members = try node.mapping(allowed: ["api_key_env"])
        if let value = members["api_key_env"], !value.isNull { adminKeyEnvironmentVariable = try value.nonEmptyString() }
    }

    static let limitKeys = ["requests_per_minute", "tokens_per_minute", "budget"]

    private static func configuredKey(_ node: ConfigNode) throws(GatewayError) -> ConfiguredKey {
        let members = try node.mapping(allowed: ["key_env", "key_sha256", "name", "tenant", "models", "expires_at", "enabled"] + limitKeys)
        guard let tenant = members["tenant"] else { throw node.error("missing key tenant") }
        var key = ConfiguredKey(tenant: try tenant.nonEmptyString())
        switch (members["key_env"], members["key_sha256"]) {
        case (let variable?, nil): key.keyEnvironmentVariable = try variable.nonEmptyString()
        case (nil, let hash?):
            let text = try hash.nonEmptyString().lowercased()
            guard text.count == 64, text.allSatisfy(\.isHexDigit) else { throw hash.error("must be 64 hex digits (the key's SHA-256)") }
            key.hash = text
        case (_?, _?): throw node.error("give either key_env or key_sha256, not both")
        case (nil, nil): throw node.error("missing key key_env (the variable holding the key) or key_sha256")
        }
        if let value = members["name"], !value.isNull { key.name = try value.nonEmptyString() }
        if let value = members["models"], !value.isNull { key.models = try value.stringList() }
        if let value = members["enabled"] { key.enabled = try value.bool() }
        if let value = members["expires_at"], !value.isNull {
            let text = try value.string()
            guard let date = ISO8601DateFormatter().date(from: text) else { throw value.error("must be an ISO 8601 time such as 2027-01-01T00:00:00Z, got '\(text)'") }
            key.expiresAt = date
        }
        key.limits = try limits(members, node: node)
        return key
    }

    /// Limits from a mapping's `requests_per_minute`, `tokens_per_minute` and `budget` members.
    static func limits(_ members: [String: ConfigNode], node: ConfigNode) throws(GatewayError) -> KeyLimits {
        var limits = KeyLimits()
        if let value = members["requests_per_minute"], !value.isNull { limits.requestsPerMinute = try value.int(1...100_000_000) }
        if let value = members["tokens_per_minute"], !value.isNull { limits.tokensPerMinute = try value.int(1...Int(Int32.max)) }
        if let value = members["budget"], !value.isNull {
            let budget = try value.mapping(allowed: ["tokens", "period", "time_zone", "rolling_hours"])
            guard let tokens = budget["tokens"] else { throw value.error("missing key tokens") }
            let count = try tokens.int(1...Int.max >> 8)
            let period = try budget["period"]?.string() ?? "day"
            switch period {
            case "day":
                if let hours = budget["rolling_hours"] { throw hours.error("is for period: rolling") }
                let zone = try budget["time_zone"]?.nonEmptyString() ?? "UTC"
                limits.budget = TokenBudget(tokens: count, period: .day(timeZone: zone))
            case "rolling":
                if let zone = budget["time_zone"] { throw zone.error("is for period: day") }
                limits.budget = TokenBudget(tokens: count, period: .rolling(hours: try budget["rolling_hours"]?.int(1...8784) ?? 24))
            default:
                throw (budget["period"] ?? value).error("must be day or rolling, got '\(period)'")
            }
        }
        do {
            try limits.validate()
        } catch {
            throw node.error(error.message)
        }
        return limits
    }
}
