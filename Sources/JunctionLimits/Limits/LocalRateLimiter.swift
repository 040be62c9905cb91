import Foundation
import Synchronization

/// The limiter of a single instance, exact in process: sliding 60-second windows for requests and tokens,
/// calendar or rolling token budgets. Also the fail-open stand-in while Redis is unreachable (then each
/// instance enforces the limits on its own).
public final class LocalRateLimiter: RateLimiter {
    private struct Subject {
        var requests = SlidingWindow(length: 60_000)
        var tokens = SlidingWindow(length: 60_000)
    }

    private struct Budget {
        /// Spent per calendar period label.
        var periods: [String: Int] = [:]
        var rolling: SlidingWindow?
    }

    private struct State {
        var subjects: [LimitSubject: Subject] = [:]
        var budgets: [String: Budget] = [:]
    }

    private let state = Mutex(State())

    /// An empty limiter.
    public init() {}

    public func admitRequest(_ subject: LimitSubject, limits: KeyLimits, at date: Date) async throws(LimitsError) -> LimitVerdict {
        let now = Self.milliseconds(date)
        return state.withLock { state in
            var windows = state.subjects[subject] ?? Subject()
            defer { state.subjects[subject] = windows }
            windows.requests.prune(now: now)
            windows.tokens.prune(now: now)
            var verdict = LimitVerdict()
            verdict.budget = Self.budgetWindow(&state.budgets[subject.key, default: Budget()], limits.budget, date: date, now: now)
            verdict.tokens = limits.tokensPerMinute.map { Self.window(windows.tokens, limit: $0, now: now) }
            if let budget = verdict.budget, budget.remaining <= 0 {
                verdict.refusal = .budget
            }
            if let limit = limits.requestsPerMinute {
                if verdict.refusal == nil, windows.requests.count >= limit {
                    verdict.refusal = .requests
                }
                if verdict.refusal == nil { windows.requests.add(1, now: now) }
                var window = Self.window(windows.requests, limit: limit, now: now)
                if verdict.refusal == .requests { window.retryMilliseconds = max(0, (windows.requests.oldestExit ?? now) - now) }
                verdict.requests = window
            }
            return verdict
        }
    }

    public func reserveTokens(_ subject: LimitSubject, limits: KeyLimits, estimate: Int, at date: Date) async throws(LimitsError) -> (LimitVerdict, TokenReservation?) {
        guard limits.countsTokens else { return (LimitVerdict(), nil) }
        let now = Self.milliseconds(date)
        let id = Self.reservationID()
        return state.withLock { state in
            var windows = state.subjects[subject] ?? Subject()
            defer { state.subjects[subject] = windows }
            windows.tokens.prune(now: now)
            var budget = state.budgets[subject.key] ?? Budget()
            defer { state.budgets[subject.key] = budget }
            var verdict = LimitVerdict()
            if let limit = limits.tokensPerMinute {
                if estimate > limit {
                    verdict.refusal = .requestTooLarge
                } else if windows.tokens.total + estimate > limit {
                    verdict.refusal = .tokens
                }
            }
            var budgetWindow = Self.budgetWindow(&budget, limits.budget, date: date, now: now)
            if verdict.refusal == nil, let window = budgetWindow, window.remaining < estimate {
                verdict.refusal = .budget
            }
            let period = limits.budget?.periodLabel(at: date)
            if verdict.refusal == nil {
                if limits.tokensPerMinute != nil { windows.tokens.add(estimate, id: id, now: now) }
                if let period { budget.periods[period, default: 0] += estimate }
                budget.rolling?.add(estimate, id: id, now: now)
                budgetWindow = Self.budgetWindow(&budget, limits.budget, date: date, now: now)
            }
            if let limit = limits.tokensPerMinute {
                var window = Self.window(windows.tokens, limit: limit, now: now)
                if verdict.refusal == .tokens { window.retryMilliseconds = windows.tokens.exit(freeing: estimate, limit: limit, now: now) - now }
                verdict.tokens = window
            }
            verdict.budget = budgetWindow
            guard verdict.allowed else { return (verdict, nil) }
            return (verdict, TokenReservation(id: id, subject: subject, estimate: estimate, budgetPeriod: period, local: true))
        }
    }

    public func settle(_ reservation: TokenReservation, actual: Int, limits: KeyLimits) async throws(LimitsError) {
        let delta = actual - reservation.estimate
        guard delta != 0 else { return }
        state.withLock { state in
            state.subjects[reservation.subject]?.tokens.adjust(id: reservation.id, by: delta)
            if let period = reservation.budgetPeriod, let spent = state.budgets[reservation.subject.key]?.periods[period] {
                state.budgets[reservation.subject.key]?.periods[period] = max(0, spent + delta)
            }
            state.budgets[reservation.subject.key]?.rolling?.adjust(id: reservation.id, by: delta)
        }
    }

    public func usage(_ subject: LimitSubject, limits: KeyLimits, at date: Date) async throws(LimitsError) -> LimitUsage {
        let now = Self.milliseconds(date)
        return state.withLock { state in
            var usage = LimitUsage()
            if var windows = state.subjects[subject] {
                windows.requests.prune(now: now)
                windows.tokens.prune(now: now)
                usage.requestsLastMinute = windows.requests.count
                usage.tokensLastMinute = windows.tokens.total
                state.subjects[subject] = windows
            }
            if let budget = limits.budget {
                _ = Self.budgetWindow(&state.budgets[subject.key, default: Budget()], budget, date: date, now: now)
                usage.budgetSpent = Self.spent(state.budgets[subject.key], budget, date: date)
                usage.budgetPeriod = budget.periodLabel(at: date) ?? "rolling"
            }
            return usage
        }
    }

    /// Forgets every window and budget (tests, and a key's reset).
    public func reset() {
        state.withLock { $0 = State() }
    }

    private static func spent(_ budget: Budget?, _ settings: TokenBudget, date: Date) -> Int {
        guard let budget else { return 0 }
        if let label = settings.periodLabel(at: date) { return budget.periods[label] ?? 0 }
        return budget.rolling?.total ?? 0
    }

    /// The budget's window now (pruning a rolling one, dropping past periods), nil without a budget.
    private static func budgetWindow(_ budget: inout Budget, _ settings: TokenBudget?, date: Date, now: Int) -> LimitVerdict.Window? {
        guard let settings else { return nil }
        if let label = settings.periodLabel(at: date) {
            if budget.periods.count > 1 { budget.periods = budget.periods.filter { $0.key >= label } }
            let spent = budget.periods[label] ?? 0
            let end = settings.periodEnd(after: date).map { milliseconds($0) } ?? now
            return LimitVerdict.Window(limit: settings.tokens, remaining: settings.tokens - spent, resetMilliseconds: end - now)
        }
        let length = settings.rollingWindowMilliseconds ?? 86_400_000
        if budget.rolling?.length != length { budget.rolling = SlidingWindow(length: length) }
        budget.rolling!.prune(now: now)
        let spent = budget.rolling!.total
        return LimitVerdict.Window(limit: settings.tokens, remaining: settings.tokens - spent, resetMilliseconds: (budget.rolling!.newestExit ?? now) - now)
    }

    private static func window(_ window: SlidingWindow, limit: Int, now: Int) -> LimitVerdict.Window {
        LimitVerdict.Window(limit: limit, remaining: limit - window.total, resetMilliseconds: (window.newestExit ?? now) - now)
    }

    static func milliseconds(_ date: Date) -> Int {
        Int((date.timeIntervalSince1970 * 1000).rounded(.down))
    }
}
