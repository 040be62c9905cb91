import Foundation

/// What Junction knows of one API key: whose it is, what it may call and how much. Stored under the key's
/// SHA-256; the key itself is shown once, when the admin API creates it, and never stored.
public struct APIKeyRecord: Sendable, Equatable, Codable {
    /// Where the key is defined.
    public enum Source: String, Sendable, Codable {
        /// In the config file (`auth.keys`): changed by editing the file and reloading.
        case config
        /// Created through the admin API: stored in Redis or in the data directory.
        case admin
    }

    /// `key_` and the first 16 hex digits of the hash.
    public var id: String
    /// The key's SHA-256, hex.
    public var hash: String
    /// A name for people (`ci-bot`), optional.
    public var name: String?
    /// The tenant the key belongs to (cache scopes, sessions, files).
    public var tenant: String
    /// Public model names the key may use; nil for any.
    public var models: [String]?
    /// Its limits; each nil limit falls back to `limits.default` of the config.
    public var limits: KeyLimits
    /// After this moment the key is refused; nil for never.
    public var expiresAt: Date?
    /// A disabled key is refused.
    public var enabled: Bool
    /// When the key was created.
    public var createdAt: Date
    /// The key's first characters, for recognising it.
    public var hint: String
    /// Config or admin API.
    public var source: Source

    /// A record for the key whose hash is `hash`.
    public init(
        hash: String, name: String? = nil, tenant: String, models: [String]? = nil, limits: KeyLimits = KeyLimits(),
        expiresAt: Date? = nil, enabled: Bool = true, createdAt: Date = Date(), hint: String, source: Source
    ) {
        id = APIKey.id(hash: hash)
        self.hash = hash
        self.name = name
        self.tenant = tenant
        self.models = models
        self.limits = limits
        // Stored as whole Unix seconds: keep them so in memory too, so a stored record reads back equal.
        self.expiresAt = expiresAt.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded()) }
        self.enabled = enabled
        self.createdAt = Date(timeIntervalSince1970: createdAt.timeIntervalSince1970.rounded())
        self.hint = hint
        self.source = source
    }

    /// Why the key may not be used at `date` (`disabled`, `expired`), nil when it may.
    public func refusal(at date: Date) -> String? {
        if !enabled { return "disabled" }
        if let expiresAt, expiresAt <= date { return "expired" }
        return nil
    }

    /// Whether the key may use the public model `model`.
    public func allows(model: String) -> Bool {
        models?.contains(model) ?? true
    }

    private enum CodingKeys: String, CodingKey {
        case id, hash, name, tenant, models, limits, enabled, hint, source
        case expiresAt = "expires_at"
        case createdAt = "created_at"
    }

    /// Reads the stored JSON (dates as Unix seconds).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        hash = try c.decode(String.self, forKey: .hash)
        id = try c.decodeIfPresent(String.self, forKey: .id) ?? APIKey.id(hash: hash)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        tenant = try c.decode(String.self, forKey: .tenant)
        models = try c.decodeIfPresent([String].self, forKey: .models)
        limits = try c.decodeIfPresent(KeyLimits.self, forKey: .limits) ?? KeyLimits()
        expiresAt = try c.decodeIfPresent(Double.self, forKey: .expiresAt).map { Date(timeIntervalSince1970: $0) }
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
        createdAt = Date(timeIntervalSince1970: try c.decodeIfPresent(Double.self, forKey: .createdAt) ?? 0)
        hint = try c.decodeIfPresent(String.self, forKey: .hint) ?? ""
        source = try c.decodeIfPresent(Source.self, forKey: .source) ?? .admin
    }

    /// Writes the stored JSON.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(hash, forKey: .hash)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encode(tenant, forKey: .tenant)
        try c.encodeIfPresent(models, forKey: .models)
        try c.encode(limits, forKey: .limits)
        try c.encodeIfPresent(expiresAt.map { $0.timeIntervalSince1970.rounded() }, forKey: .expiresAt)
        try c.encode(enabled, forKey: .enabled)
        try c.encode(createdAt.timeIntervalSince1970.rounded(), forKey: .createdAt)
        try c.encode(hint, forKey: .hint)
        try c.encode(source, forKey: .source)
    }

    /// The record as stored (compact JSON, sorted keys).
    public var json: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// A stored record, nil when the JSON is not one.
    public static func decode(_ data: Data) -> APIKeyRecord? {
        try? JSONDecoder().decode(APIKeyRecord.self, from: data)
    }
}
