/// The limits of one API key (or of every caller, as defaults): requests and tokens per minute, and a
/// token budget. A nil limit is no limit.
public struct KeyLimits: Sendable, Equatable, Codable {
    /// Requests per minute (a sliding 60-second window).
    public var requestsPerMinute: Int?
    /// Prompt plus completion tokens per minute (a sliding 60-second window).
    public var tokensPerMinute: Int?
    /// Tokens per day or rolling window.
    public var budget: TokenBudget?

    /// Limits; nil means unlimited.
    public init(requestsPerMinute: Int? = nil, tokensPerMinute: Int? = nil, budget: TokenBudget? = nil) {
        self.requestsPerMinute = requestsPerMinute
        self.tokensPerMinute = tokensPerMinute
        self.budget = budget
    }

    private enum CodingKeys: String, CodingKey {
        case requestsPerMinute = "requests_per_minute"
        case tokensPerMinute = "tokens_per_minute"
        case budget
    }

    /// No limit at all.
    public var isUnlimited: Bool { requestsPerMinute == nil && tokensPerMinute == nil && budget == nil }

    /// Whether tokens are counted (a tokens-per-minute limit or a budget).
    public var countsTokens: Bool { tokensPerMinute != nil || budget != nil }

    /// These limits with each missing one taken from `defaults`.
    public func filled(from defaults: KeyLimits) -> KeyLimits {
        KeyLimits(
            requestsPerMinute: requestsPerMinute ?? defaults.requestsPerMinute,
            tokensPerMinute: tokensPerMinute ?? defaults.tokensPerMinute,
            budget: budget ?? defaults.budget
        )
    }

    /// Throws `invalid_key_settings` naming the limit that cannot work.
    public func validate() throws(LimitsError) {
        if let value = requestsPerMinute, value < 1 {
            throw LimitsError(code: "invalid_key_settings", message: "requests_per_minute must be at least 1, got \(value)")
        }
        if let value = tokensPerMinute, value < 1 {
            throw LimitsError(code: "invalid_key_settings", message: "tokens_per_minute must be at least 1, got \(value)")
        }
        try budget?.validate()
    }
}
