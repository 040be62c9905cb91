import JunctionLimits

/// Who sent a request, as far as limits and scopes care: its tenant, its key (when Junction knows it) and
/// the limits that apply.
public struct Caller: Sendable, Equatable {
    /// The tenant: the key's tenant, a `tenants.api_keys` name, the key's hash prefix, or `anonymous`.
    public var tenant: String
    /// The key's record, when the key is known (config or admin API).
    public var key: APIKeyRecord?
    /// Whose windows count the request: the key's id, the unknown key's hash prefix, or nil for none.
    public var limitKey: String?
    /// The limits that apply (the key's own, filled from `limits.default`).
    public var limits: KeyLimits

    /// A caller.
    public init(tenant: String, key: APIKeyRecord? = nil, limitKey: String? = nil, limits: KeyLimits = KeyLimits()) {
        self.tenant = tenant
        self.key = key
        self.limitKey = limitKey
        self.limits = limits
    }

    /// The subject of the limiter for a request to `model` (per model when `perModel`), nil when no limit
    /// applies.
    func subject(model: String?, perModel: Bool) -> LimitSubject? {
        guard let limitKey, !limits.isUnlimited else { return nil }
        return LimitSubject(key: limitKey, model: perModel ? model : nil)
    }
}
