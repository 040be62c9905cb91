import JunctionJSON

/// Who and what a cached answer belongs to, as filter fields: an entry is only ever seen by lookups with the
/// same scope. The gateway builds one per request from the API key's tenant, the model, the system prompt
/// and the earlier turns of the conversation, so an answer is never served to another tenant, for another
/// model, under another system prompt or after a different conversation.
public struct CacheScope: Sendable, Hashable {
    /// The scope's filter fields, in order: `tenant`, `model`, `system_hash`, `context_hash`.
    public static let fieldNames = ["tenant", "model", "system_hash", "context_hash"]
    /// The value of a field with nothing in it (no system prompt, no earlier turns): TAG fields cannot match
    /// an empty value.
    public static let none = "none"

    /// The tenant (an API key's owner); `default` when requests are not told apart.
    public var tenant: String
    /// The model that answers.
    public var model: String
    /// The system prompt, if any (stored as a hash).
    public var systemPrompt: String?
    /// The turns before the prompt, as `role: content` lines (stored as a hash).
    public var earlierTurns: [String]
    /// Further configured fields and their values.
    public var extra: [String: String]

    /// A scope.
    public init(tenant: String = "default", model: String, systemPrompt: String? = nil, earlierTurns: [String] = [], extra: [String: String] = [:]) {
        self.tenant = tenant
        self.model = model
        self.systemPrompt = systemPrompt
        self.earlierTurns = earlierTurns
        self.extra = extra
    }

    /// The filter fields to store with an entry and to look up with.
    public var filters: [String: String] {
        var filters = extra
        filters["tenant"] = tenant.isEmpty ? Self.none : tenant
        filters["model"] = model.isEmpty ? Self.none : model
        filters["system_hash"] = systemPrompt.map { Self.digest($0) } ?? Self.none
        filters["context_hash"] = earlierTurns.isEmpty ? Self.none : Self.digest(earlierTurns.joined(separator: "\n"))
        return filters
    }

    /// The first 16 hex digits of the SHA-256 of `text` (64 bits: collisions are out of reach).
    static func digest(_ text: String) -> String {
        String(Hashify.sha256Hex(text).prefix(16))
    }
}
