import Foundation
import JunctionRedis

/// The limiter on Redis: each step is one Lua script (`LimiterScripts`), one round trip, atomic and on
/// Redis's clock, so limits hold exactly across every instance sharing the Redis. Keys:
/// `{namespace}:limits:{key_…}:…` (one hash slot per key; `:m:{model}` inside when windows are per model).
public final class RedisRateLimiter: RateLimiter {
    private let client: RedisClient
    private let namespace: String

    /// A limiter in `client`'s Redis under `namespace` (default `junction`).
    public init(client: RedisClient, namespace: String = "junction") {
        self.client = client
        self.namespace = namespace
    }

    public func admitRequest(_ subject: LimitSubject, limits: KeyLimits, at date: Date) async throws(LimitsError) -> LimitVerdict {
        let reply = try await run(LimiterScripts.admit, subject: subject, limits: limits, date: date, arguments: [
            .integer(limits.requestsPerMinute ?? 0), .string(Self.reservationID()),
        ] + budgetArguments(limits) + [.string("0")])
        return Self.admission(reply, limits: limits, date: date)
    }

    public func reserveTokens(_ subject: LimitSubject, limits: KeyLimits, estimate: Int, at date: Date) async throws(LimitsError) -> (LimitVerdict, TokenReservation?) {
        guard limits.countsTokens else { return (LimitVerdict(), nil) }
        let id = Self.reservationID()
        let ttl = limits.budget.flatMap { $0.periodEnd(after: date) }.map { Int($0.timeIntervalSince(date)) + 86_400 } ?? 86_400
        let values = try await run(LimiterScripts.reserve, subject: subject, limits: limits, date: date, arguments: [
            .integer(limits.tokensPerMinute ?? 0), .string(id), .integer(estimate),
        ] + budgetArguments(limits) + [.integer(ttl)])
        let now = values.number(2)
        var verdict = LimitVerdict(refusal: values.refusal)
        if let limit = limits.tokensPerMinute {
            verdict.tokens = LimitVerdict.Window(
                limit: limit, remaining: limit - values.number(3), resetMilliseconds: Self.exit(values.number(4), now: now),
                retryMilliseconds: values.number(7)
            )
        }
        verdict.budget = Self.budgetWindow(limits.budget, spent: values.number(5), newest: values.number(6), now: now, date: date)
        guard verdict.allowed else { return (verdict, nil) }
        let reservation = TokenReservation(id: id, subject: subject, estimate: estimate, budgetPeriod: limits.budget?.periodLabel(at: date), local: false)
        return (verdict, reservation)
    }

    public func settle(_ reservation: TokenReservation, actual: Int, limits: KeyLimits) async throws(LimitsError) {
        let delta = actual - reservation.estimate
        guard delta != 0 else { return }
        let keys = keys(reservation.subject, budget: limits.budget, period: reservation.budgetPeriod)
        do {
            _ = try await client.run(LimiterScripts.settle, keys: keys, arguments: [.string(reservation.id), .integer(delta), .string(Self.kind(limits.budget))])
        } catch {
            throw LimitsError.redis("the limiter cannot reach Redis: \(error.message)")
        }
    }

    public func usage(_ subject: LimitSubject, limits: KeyLimits, at date: Date) async throws(LimitsError) -> LimitUsage {
        let values = try await run(LimiterScripts.admit, subject: subject, limits: limits, date: date, arguments: [
            .integer(limits.requestsPerMinute ?? 0), .string("usage"),
        ] + budgetArguments(limits) + [.string("1")])
        return LimitUsage(
            requestsLastMinute: values.number(3), tokensLastMinute: values.number(6), budgetSpent: values.number(8),
            budgetPeriod: limits.budget.map { $0.periodLabel(at: date) ?? "rolling" }
        )
    }

    /// Deletes every window and budget of a key (when the key is deleted).
    public func forget(key: String) async throws(LimitsError) {
        do {
            var cursor = "0"
            repeat {
                let page = try await client.send(SCAN(cursor: cursor, match: "\(namespace):limits:{\(key)}:*", count: 500))
                if !page.keys.isEmpty { _ = try await client.send(["UNLINK"] + page.keys.map { .string($0) }) }
                cursor = page.cursor
            } while cursor != "0"
        } catch {
            throw LimitsError.redis("the limiter cannot reach Redis: \(error.message)")
        }
    }

    // MARK: - Keys and replies

    private func keys(_ subject: LimitSubject, budget: TokenBudget?, period: String?) -> [String] {
        let base = "\(namespace):limits:{\(subject.key)}"
        let window = subject.model.map { "\(base):m:\($0)" } ?? base
        let budgetKey = period.map { "\(base):budget:\($0)" } ?? "\(base):budget:rolling"
        return ["\(window):req", "\(window):tok", "\(window):tok:amounts", "\(window):tok:total",
                budgetKey, "\(base):budget:rolling:amounts", "\(base):budget:rolling:total"]
    }

    private func budgetArguments(_ limits: KeyLimits) -> [RESPCommandArgument] {
        [.string(Self.kind(limits.budget)), .integer(limits.budget?.tokens ?? 0), .integer(limits.budget?.rollingWindowMilliseconds ?? 0)]
    }

    private static func kind(_ budget: TokenBudget?) -> String {
        switch budget?.period {
        case .day: "day"
        case .rolling: "rolling"
        case nil: "none"
        }
    }

    private func run(_ script: RedisScript, subject: LimitSubject, limits: KeyLimits, date: Date, arguments: [RESPCommandArgument]) async throws(LimitsError) -> [RESPValue] {
        let keys = keys(subject, budget: limits.budget, period: limits.budget?.periodLabel(at: date))
        do {
            let reply = try await client.run(script, keys: keys, arguments: arguments)
            guard let values = reply.array, values.count >= 8 else { throw LimitsError.redis("the limiter's script answered \(reply)") }
            return values
        } catch let error as LimitsError {
            throw error
        } catch {
            throw LimitsError.redis("the limiter cannot reach Redis: \((error as? RedisError)?.message ?? "\(error)")")
        }
    }

    private static func admission(_ values: [RESPValue], limits: KeyLimits, date: Date) -> LimitVerdict {
        let now = values.number(2)
        var verdict = LimitVerdict(refusal: values.refusal)
        if let limit = limits.requestsPerMinute {
            let count = values.number(3)
            verdict.requests = LimitVerdict.Window(
                limit: limit, remaining: limit - count, resetMilliseconds: exit(values.number(5), now: now),
                retryMilliseconds: verdict.refusal == .requests ? exit(values.number(4), now: now) : 0
            )
        }
        if let limit = limits.tokensPerMinute {
            verdict.tokens = LimitVerdict.Window(limit: limit, remaining: limit - values.number(6), resetMilliseconds: exit(values.number(7), now: now))
        }
        verdict.budget = budgetWindow(limits.budget, spent: values.number(8), newest: values.number(9), now: now, date: date)
        return verdict
    }

    private static func budgetWindow(_ budget: TokenBudget?, spent: Int, newest: Int, now: Int, date: Date) -> LimitVerdict.Window? {
        guard let budget else { return nil }
        let reset: Int
        if let end = budget.periodEnd(after: date) {
            reset = Int(end.timeIntervalSince(date) * 1000)
        } else {
            reset = newest < 0 ? 0 : newest + (budget.rollingWindowMilliseconds ?? 0) - now
        }
        return LimitVerdict.Window(limit: budget.tokens, remaining: budget.tokens - spent, resetMilliseconds: reset)
    }

    /// Milliseconds until an entry stamped `time` leaves a 60-second window (0 when none).
    private static func exit(_ time: Int, now: Int) -> Int {
        time < 0 ? 0 : max(0, time + 60_000 - now)
    }
}

private extension Array where Element == RESPValue {
    func number(_ index: Int) -> Int {
        guard index < count else { return 0 }
        return self[index].int ?? self[index].string.flatMap { Int($0) } ?? 0
    }

    var refusal: LimitVerdict.Refusal? {
        guard number(0) == 0, count > 1, let reason = self[1].string else { return nil }
        return LimitVerdict.Refusal(rawValue: reason) ?? .requests
    }
}
