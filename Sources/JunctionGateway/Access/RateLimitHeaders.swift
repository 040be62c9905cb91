import JunctionLimits

/// OpenAI's rate-limit headers: `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` on every answer
/// of a limited key, and `retry-after` (seconds) with `retry-after-ms` on a 429.
enum RateLimitHeaders {
    /// The headers of a verdict (requests from the admission, tokens from the reservation when there was one).
    static func fields(_ verdict: LimitVerdict) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        if let window = verdict.requests {
            fields += [
                ("x-ratelimit-limit-requests", "\(window.limit)"),
                ("x-ratelimit-remaining-requests", "\(window.remaining)"),
                ("x-ratelimit-reset-requests", duration(milliseconds: window.resetMilliseconds)),
            ]
        }
        if let window = verdict.tokens {
            fields += [
                ("x-ratelimit-limit-tokens", "\(window.limit)"),
                ("x-ratelimit-remaining-tokens", "\(window.remaining)"),
                ("x-ratelimit-reset-tokens", duration(milliseconds: window.resetMilliseconds)),
            ]
        }
        if let window = verdict.budget {
            fields += [
                ("x-junction-budget-limit-tokens", "\(window.limit)"),
                ("x-junction-budget-remaining-tokens", "\(window.remaining)"),
                ("x-junction-budget-reset", duration(milliseconds: window.resetMilliseconds)),
            ]
        }
        if !verdict.allowed {
            let wait = max(1, verdict.retryMilliseconds)
            fields += [("retry-after", "\((wait + 999) / 1000)"), ("retry-after-ms", "\(wait)")]
        }
        return fields
    }

    /// A duration as OpenAI writes it: `20ms`, `1s`, `6m0s`, `1h2m3s`.
    static func duration(milliseconds: Int) -> String {
        let value = max(0, milliseconds)
        if value < 1000 { return "\(value)ms" }
        let seconds = value / 1000, fraction = value % 1000
        let hours = seconds / 3600, minutes = seconds / 60 % 60, rest = seconds % 60
        var text = ""
        if hours > 0 { text += "\(hours)h" }
        if hours > 0 || minutes > 0 { text += "\(minutes)m" }
        if hours == 0, minutes == 0, fraction > 0 {
            let tenths = fraction / 100
            return tenths > 0 ? "\(rest).\(tenths)s" : "\(rest)s"
        }
        return text + "\(rest)s"
    }
}
