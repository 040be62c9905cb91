/// What the limiter said about a request: allowed or refused (and why), and the state of each window it
/// counted, for OpenAI's `x-ratelimit-*` headers.
public struct LimitVerdict: Sendable, Equatable {
    /// Why a request was refused.
    public enum Refusal: String, Sendable, Equatable {
        /// Requests per minute reached.
        case requests
        /// Tokens per minute reached.
        case tokens
        /// The request's estimate alone is more than the tokens-per-minute limit.
        case requestTooLarge = "request_too_large"
        /// The token budget of the period is spent (or has less left than the request's estimate).
        case budget
    }

    /// The state of one sliding window after the decision.
    public struct Window: Sendable, Equatable {
        /// The limit per window.
        public var limit: Int
        /// What is left of it now.
        public var remaining: Int
        /// Milliseconds until the window is back to its full limit.
        public var resetMilliseconds: Int
        /// Milliseconds until enough has left the window for the refused request (0 when allowed).
        public var retryMilliseconds: Int

        /// A window state.
        public init(limit: Int, remaining: Int, resetMilliseconds: Int, retryMilliseconds: Int = 0) {
            self.limit = limit
            self.remaining = max(0, remaining)
            self.resetMilliseconds = max(0, resetMilliseconds)
            self.retryMilliseconds = max(0, retryMilliseconds)
        }
    }

    /// Nil when allowed.
    public var refusal: Refusal?
    /// Requests per minute, when limited.
    public var requests: Window?
    /// Tokens per minute, when limited.
    public var tokens: Window?
    /// The token budget, when there is one (`resetMilliseconds`: until the period ends, or until the oldest
    /// spend leaves a rolling window).
    public var budget: Window?

    /// A verdict.
    public init(refusal: Refusal? = nil, requests: Window? = nil, tokens: Window? = nil, budget: Window? = nil) {
        self.refusal = refusal
        self.requests = requests
        self.tokens = tokens
        self.budget = budget
    }

    /// Whether the request may go on.
    public var allowed: Bool { refusal == nil }

    /// Milliseconds to wait before retrying a refused request (the window that refused it).
    public var retryMilliseconds: Int {
        switch refusal {
        case .requests: requests?.retryMilliseconds ?? 1000
        case .tokens, .requestTooLarge: tokens?.retryMilliseconds ?? 1000
        case .budget: budget?.resetMilliseconds ?? 1000
        case nil: 0
        }
    }
}

/// Tokens reserved for a forwarded request, settled with the real count once the answer is known.
public struct TokenReservation: Sendable, Equatable {
    /// A unique id.
    public var id: String
    /// Whose window and budget.
    public var subject: LimitSubject
    /// The tokens reserved.
    public var estimate: Int
    /// The calendar period the budget was charged in (`2026-12-03`), nil for none or rolling.
    public var budgetPeriod: String?
    /// Whether Redis or the in-process limiter holds it.
    public var local: Bool
}

/// Whose limits: a key (its public id) and, when limits are per model, the model.
public struct LimitSubject: Sendable, Hashable {
    /// The key id (`key_…`) or another stable caller name.
    public var key: String
    /// The public model, when windows are per model (budgets are always per key).
    public var model: String?

    /// A subject.
    public init(key: String, model: String? = nil) {
        self.key = key
        self.model = model
    }
}

/// A key's consumption now, for the admin API.
public struct LimitUsage: Sendable, Equatable {
    /// Requests in the last minute (counted only under a requests-per-minute limit).
    public var requestsLastMinute: Int
    /// Tokens in the last minute (counted only under a tokens-per-minute limit).
    public var tokensLastMinute: Int
    /// Tokens spent in the budget's current period (0 without a budget).
    public var budgetSpent: Int
    /// The current period's label (`2026-12-03`) or `rolling`, nil without a budget.
    public var budgetPeriod: String?

    /// Usage figures.
    public init(requestsLastMinute: Int = 0, tokensLastMinute: Int = 0, budgetSpent: Int = 0, budgetPeriod: String? = nil) {
        self.requestsLastMinute = requestsLastMinute
        self.tokensLastMinute = tokensLastMinute
        self.budgetSpent = budgetSpent
        self.budgetPeriod = budgetPeriod
    }
}
