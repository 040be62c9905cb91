import Foundation
import Logging
import Synchronization

/// The Redis limiter with a rule for when Redis cannot answer: fail open onto an in-process limiter (each
/// instance then enforces the limits alone), or fail closed (the caller answers 503). The switch is logged
/// once per outage and counted by the caller's metric hook; limits resume on Redis as soon as it answers.
public final class FailoverRateLimiter: RateLimiter {
    /// What to do while Redis cannot answer.
    public enum Rule: String, Sendable, Equatable {
        /// Limit in process, per instance (the default: Redis down means degraded, not down).
        case open
        /// Refuse: the caller answers 503 `limiter_unavailable`.
        case closed
    }

    private let redis: any RateLimiter
    private let local: LocalRateLimiter
    private let rule: Rule
    private let logger: Logger
    private let onFailure: @Sendable () -> Void
    private let degraded = Atomic<Bool>(false)

    /// A limiter on `redis` with `rule` for outages; `onFailure` is called for every call Redis failed
    /// (a metric).
    public init(redis: any RateLimiter, rule: Rule, logger: Logger, onFailure: @escaping @Sendable () -> Void = {}) {
        self.redis = redis
        local = LocalRateLimiter()
        self.rule = rule
        self.logger = logger
        self.onFailure = onFailure
    }

    /// Whether the last call found Redis unreachable.
    public var isDegraded: Bool { degraded.load(ordering: .relaxed) }

    public func admitRequest(_ subject: LimitSubject, limits: KeyLimits, at date: Date) async throws(LimitsError) -> LimitVerdict {
        do {
            let verdict = try await redis.admitRequest(subject, limits: limits, at: date)
            recovered()
            return verdict
        } catch {
            try failed(error)
            return try await local.admitRequest(subject, limits: limits, at: date)
        }
    }

    public func reserveTokens(_ subject: LimitSubject, limits: KeyLimits, estimate: Int, at date: Date) async throws(LimitsError) -> (LimitVerdict, TokenReservation?) {
        do {
            let result = try await redis.reserveTokens(subject, limits: limits, estimate: estimate, at: date)
            recovered()
            return result
        } catch {
            try failed(error)
            return try await local.reserveTokens(subject, limits: limits, estimate: estimate, at: date)
        }
    }

    public func settle(_ reservation: TokenReservation, actual: Int, limits: KeyLimits) async throws(LimitsError) {
        if reservation.local {
            try await local.settle(reservation, actual: actual, limits: limits)
            return
        }
        do {
            try await redis.settle(reservation, actual: actual, limits: limits)
            recovered()
        } catch {
            // The reservation stays at its estimate: logged, never retried forever.
            _ = try? failed(error)
        }
    }

    public func usage(_ subject: LimitSubject, limits: KeyLimits, at date: Date) async throws(LimitsError) -> LimitUsage {
        do {
            return try await redis.usage(subject, limits: limits, at: date)
        } catch {
            try failed(error)
            return try await local.usage(subject, limits: limits, at: date)
        }
    }

    /// Records a failure; throws it again when the rule is `closed` or it is not a Redis failure.
    private func failed(_ error: LimitsError) throws(LimitsError) {
        guard error.code == "redis" else { throw error }
        onFailure()
        if !degraded.exchange(true, ordering: .relaxed) {
            logger.warning(
                "limiter: Redis unreachable; limits are enforced per instance until it is back",
                metadata: ["rule": "\(rule.rawValue)", "error": "\(error.message)"]
            )
        }
        if rule == .closed { throw error }
    }

    private func recovered() {
        if degraded.exchange(false, ordering: .relaxed) {
            logger.notice("limiter: Redis is back; limits are shared again")
        }
    }
}
