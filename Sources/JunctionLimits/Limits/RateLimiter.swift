import Foundation

/// Requests per minute, tokens per minute and token budgets, enforced in two steps so answers Junction
/// gives itself (cache hits, blocks, canned answers) count as requests but spend no tokens:
///
/// 1. `admitRequest` when a request arrives: counts it against requests per minute and refuses it when the
///    budget is already spent;
/// 2. `reserveTokens` before it is forwarded: reserves an estimate against tokens per minute and the
///    budget, so concurrent requests cannot all spend the same last tokens;
/// 3. `settle` once the upstream's `usage` is known: replaces the estimate with the real count.
///
/// On Redis (`RedisRateLimiter`) each step is one Lua script, one round trip, exact across instances; in
/// process (`LocalRateLimiter`) each is exact for one instance.
public protocol RateLimiter: Sendable {
    /// Step 1. Throws `redis` when Redis cannot answer (the caller's failure rule applies).
    func admitRequest(_ subject: LimitSubject, limits: KeyLimits, at date: Date) async throws(LimitsError) -> LimitVerdict
    /// Step 2: the verdict and, when allowed and tokens are counted, the reservation to settle.
    func reserveTokens(_ subject: LimitSubject, limits: KeyLimits, estimate: Int, at date: Date) async throws(LimitsError) -> (LimitVerdict, TokenReservation?)
    /// Step 3: the reservation's real cost.
    func settle(_ reservation: TokenReservation, actual: Int, limits: KeyLimits) async throws(LimitsError)
    /// The subject's consumption now.
    func usage(_ subject: LimitSubject, limits: KeyLimits, at date: Date) async throws(LimitsError) -> LimitUsage
}

extension RateLimiter {
    /// A new reservation id.
    static func reservationID() -> String {
        UUID().uuidString.lowercased()
    }
}
