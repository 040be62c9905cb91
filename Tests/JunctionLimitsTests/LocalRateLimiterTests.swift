import Foundation
import JunctionLimits
import Testing

/// The in-process limiter, on explicit clocks: sliding windows, reservations settled with real counts,
/// calendar and rolling budgets, and the state each verdict reports for OpenAI's headers.
@Suite struct LocalRateLimiterTests {
    let start = Date(timeIntervalSince1970: 1_780_000_000)
    let key = LimitSubject(key: "key_test")

    @Test func requestsPerMinuteIsASlidingWindow() async throws {
        let limiter = LocalRateLimiter()
        let limits = KeyLimits(requestsPerMinute: 3)
        for second in 0..<3 {
            let verdict = try await limiter.admitRequest(key, limits: limits, at: start + Double(second))
            #expect(verdict.allowed)
            #expect(verdict.requests?.remaining == 2 - second)
        }
        let refused = try await limiter.admitRequest(key, limits: limits, at: start + 10)
        #expect(refused.refusal == .requests)
        #expect(refused.requests?.remaining == 0)
        #expect(refused.requests?.retryMilliseconds == 50_000, "the first request leaves the window 60 s after it came")
        #expect(refused.requests?.resetMilliseconds == 52_000, "the window is empty 60 s after the last request")
        #expect(refused.retryMilliseconds == 50_000)
        // One minute after the first request, one slot is free again.
        #expect(try await limiter.admitRequest(key, limits: limits, at: start + 60.001).allowed)
        #expect(try await limiter.admitRequest(key, limits: limits, at: start + 60.002).refusal == .requests)
    }

    @Test func keysAndModelsHaveTheirOwnWindows() async throws {
        let limiter = LocalRateLimiter()
        let limits = KeyLimits(requestsPerMinute: 1)
        #expect(try await limiter.admitRequest(key, limits: limits, at: start).allowed)
        #expect(try await limiter.admitRequest(key, limits: limits, at: start).refusal == .requests)
        #expect(try await limiter.admitRequest(LimitSubject(key: "key_other"), limits: limits, at: start).allowed)
        #expect(try await limiter.admitRequest(LimitSubject(key: "key_test", model: "gpt-4o"), limits: limits, at: start).allowed)
    }

    @Test func tokensAreReservedThenSettledWithTheRealCount() async throws {
        let limiter = LocalRateLimiter()
        let limits = KeyLimits(tokensPerMinute: 1000)
        let (first, reservation) = try await limiter.reserveTokens(key, limits: limits, estimate: 600, at: start)
        #expect(first.allowed)
        #expect(first.tokens?.remaining == 400)
        let (second, _) = try await limiter.reserveTokens(key, limits: limits, estimate: 600, at: start + 1)
        #expect(second.refusal == .tokens, "the first request's estimate is still reserved")
        #expect(second.tokens?.retryMilliseconds == 59_000)
        try await limiter.settle(try #require(reservation), actual: 150, limits: limits)
        let (third, _) = try await limiter.reserveTokens(key, limits: limits, estimate: 600, at: start + 2)
        #expect(third.allowed, "settled at 150, so 600 more fit under 1000")
        #expect(third.tokens?.remaining == 250)
        let (tooLarge, none) = try await limiter.reserveTokens(key, limits: limits, estimate: 1001, at: start + 3)
        #expect(tooLarge.refusal == .requestTooLarge)
        #expect(none == nil)
    }

    @Test func aSpentBudgetRefusesRequestsUntilMidnightInItsTimeZone() async throws {
        let limiter = LocalRateLimiter()
        let limits = KeyLimits(budget: TokenBudget(tokens: 1000, period: .day(timeZone: "Asia/Tokyo")))
        let (verdict, reservation) = try await limiter.reserveTokens(key, limits: limits, estimate: 700, at: start)
        #expect(verdict.allowed)
        #expect(verdict.budget?.remaining == 300)
        let (overBudget, _) = try await limiter.reserveTokens(key, limits: limits, estimate: 400, at: start)
        #expect(overBudget.refusal == .budget, "a reservation never takes the budget past its limit")
        try await limiter.settle(try #require(reservation), actual: 1000, limits: limits)
        let admitted = try await limiter.admitRequest(key, limits: limits, at: start)
        #expect(admitted.refusal == .budget)
        #expect(admitted.budget?.remaining == 0)
        let usage = try await limiter.usage(key, limits: limits, at: start)
        #expect(usage.budgetSpent == 1000)
        let reset = try #require(admitted.budget?.resetMilliseconds)
        let nextDay = start + Double(reset) / 1000 + 1
        #expect(try await limiter.admitRequest(key, limits: limits, at: nextDay).allowed)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tokyo")!
        #expect(calendar.component(.hour, from: start + Double(reset) / 1000) == 0, "the budget resets at midnight in Tokyo")
    }

    @Test func aRollingBudgetForgetsSpendAfterItsWindow() async throws {
        let limiter = LocalRateLimiter()
        let limits = KeyLimits(budget: TokenBudget(tokens: 100, period: .rolling(hours: 1)))
        let (_, reservation) = try await limiter.reserveTokens(key, limits: limits, estimate: 100, at: start)
        try await limiter.settle(try #require(reservation), actual: 100, limits: limits)
        #expect(try await limiter.admitRequest(key, limits: limits, at: start + 3599).refusal == .budget)
        #expect(try await limiter.admitRequest(key, limits: limits, at: start + 3600.5).allowed)
    }

    @Test func concurrentRequestsNeverPassTheLimit() async throws {
        let limiter = LocalRateLimiter()
        let limits = KeyLimits(requestsPerMinute: 60)
        let now = start
        let allowed = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<200 {
                group.addTask { (try? await limiter.admitRequest(key, limits: limits, at: now))?.allowed ?? false }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(allowed == 60)
    }
}
