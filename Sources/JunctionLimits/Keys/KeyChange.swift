import Foundation

/// A change to an admin-created key (`PATCH /v1/admin/keys/{id}`): each non-nil member replaces the
/// record's value; `clear` lists optional members to remove (`models`, `expires_at`, `name` and the
/// limits `requests_per_minute`, `tokens_per_minute`, `budget`).
public struct KeyChange: Sendable, Equatable {
    public var name: String?
    public var tenant: String?
    public var models: [String]?
    public var requestsPerMinute: Int?
    public var tokensPerMinute: Int?
    public var budget: TokenBudget?
    public var expiresAt: Date?
    public var enabled: Bool?
    /// Optional members to remove.
    public var clear: Set<String>

    /// A change; nil members stay as they are.
    public init(
        name: String? = nil, tenant: String? = nil, models: [String]? = nil, requestsPerMinute: Int? = nil,
        tokensPerMinute: Int? = nil, budget: TokenBudget? = nil, expiresAt: Date? = nil, enabled: Bool? = nil,
        clear: Set<String> = []
    ) {
        self.name = name
        self.tenant = tenant
        self.models = models
        self.requestsPerMinute = requestsPerMinute
        self.tokensPerMinute = tokensPerMinute
        self.budget = budget
        self.expiresAt = expiresAt
        self.enabled = enabled
        self.clear = clear
    }

    /// The members `clear` may name.
    public static let clearable: Set<String> = ["name", "models", "expires_at", "requests_per_minute", "tokens_per_minute", "budget"]

    /// `record` with the change applied, checked.
    public func applied(to record: APIKeyRecord) throws(LimitsError) -> APIKeyRecord {
        var record = record
        for member in clear {
            switch member {
            case "name": record.name = nil
            case "models": record.models = nil
            case "expires_at": record.expiresAt = nil
            case "requests_per_minute": record.limits.requestsPerMinute = nil
            case "tokens_per_minute": record.limits.tokensPerMinute = nil
            case "budget": record.limits.budget = nil
            default:
                throw LimitsError(code: "invalid_key_settings", message: "'\(member)' cannot be cleared (clearable: \(Self.clearable.sorted().joined(separator: ", ")))")
            }
        }
        if let name { record.name = name }
        if let tenant {
            guard !tenant.isEmpty else { throw LimitsError(code: "invalid_key_settings", message: "tenant must not be empty") }
            record.tenant = tenant
        }
        if let models { record.models = models }
        if let requestsPerMinute { record.limits.requestsPerMinute = requestsPerMinute }
        if let tokensPerMinute { record.limits.tokensPerMinute = tokensPerMinute }
        if let budget { record.limits.budget = budget }
        if let expiresAt { record.expiresAt = Date(timeIntervalSince1970: expiresAt.timeIntervalSince1970.rounded()) }
        if let enabled { record.enabled = enabled }
        try record.limits.validate()
        return record
    }
}
