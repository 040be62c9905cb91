import Foundation

/// A token budget: at most `tokens` prompt plus completion tokens per period.
public struct TokenBudget: Sendable, Equatable, Codable {
    /// How a budget's period is counted.
    public enum Period: Sendable, Equatable, Codable {
        /// A calendar day (midnight to midnight) in a time zone (an IANA name such as `Europe/Paris`); the
        /// budget is whole again at the next midnight there.
        case day(timeZone: String)
        /// The last `hours` hours, sliding: tokens spent leave the budget `hours` hours after they were spent.
        case rolling(hours: Int)
    }

    /// Tokens per period, at least 1.
    public var tokens: Int
    /// The period.
    public var period: Period

    /// A budget.
    public init(tokens: Int, period: Period) {
        self.tokens = tokens
        self.period = period
    }

    /// The label of the calendar period containing `date` (`2026-12-03`), nil for a rolling budget.
    public func periodLabel(at date: Date) -> String? {
        guard case .day(let zone) = period else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// When the calendar period containing `date` ends (the next midnight in the zone), nil when rolling.
    public func periodEnd(after date: Date) -> Date? {
        guard case .day(let zone) = period else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
        let start = calendar.startOfDay(for: date)
        return calendar.date(byAdding: .day, value: 1, to: start)
    }

    /// The window of a rolling budget, in milliseconds; nil for a calendar budget.
    var rollingWindowMilliseconds: Int? {
        guard case .rolling(let hours) = period else { return nil }
        return hours * 3_600_000
    }

    private enum CodingKeys: String, CodingKey {
        case tokens, period
        case timeZone = "time_zone"
        case rollingHours = "rolling_hours"
    }

    /// Reads `{"tokens", "period": "day", "time_zone"}` or `{"tokens", "period": "rolling", "rolling_hours"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tokens = try container.decode(Int.self, forKey: .tokens)
        switch try container.decodeIfPresent(String.self, forKey: .period) ?? "day" {
        case "day": period = .day(timeZone: try container.decodeIfPresent(String.self, forKey: .timeZone) ?? "UTC")
        case "rolling": period = .rolling(hours: try container.decodeIfPresent(Int.self, forKey: .rollingHours) ?? 24)
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .period, in: container, debugDescription: "'\(other)' is not a budget period: expected day or rolling")
        }
    }

    /// Writes the shape `init(from:)` reads.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tokens, forKey: .tokens)
        switch period {
        case .day(let zone):
            try container.encode("day", forKey: .period)
            try container.encode(zone, forKey: .timeZone)
        case .rolling(let hours):
            try container.encode("rolling", forKey: .period)
            try container.encode(hours, forKey: .rollingHours)
        }
    }

    /// Throws `invalid_key_settings` for a budget that cannot work.
    public func validate() throws(LimitsError) {
        guard tokens >= 1 else { throw LimitsError(code: "invalid_key_settings", message: "budget.tokens must be at least 1, got \(tokens)") }
        switch period {
        case .day(let zone):
            guard TimeZone(identifier: zone) != nil else {
                throw LimitsError(code: "invalid_key_settings", message: "budget.time_zone: '\(zone)' is not a time zone (use an IANA name such as UTC or Europe/Paris)")
            }
        case .rolling(let hours):
            guard (1...24 * 366).contains(hours) else {
                throw LimitsError(code: "invalid_key_settings", message: "budget.rolling_hours must be between 1 and 8784, got \(hours)")
            }
        }
    }
}
