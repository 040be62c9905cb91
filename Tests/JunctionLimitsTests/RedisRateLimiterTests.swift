import Foundation
import JunctionLimits
import JunctionRedis
import JunctionTestSupport
import Logging
import Synchronization
import Testing

/// The limiter on a real Redis: exact under concurrency from several clients (as several instances would
/// be), reservations and settlements, budgets, and the fail-open and fail-closed rules.
@Suite(.redisServer) struct RedisRateLimiterTests {
    static func subject() -> LimitSubject {
        LimitSubject(key: "key_" + UUID().uuidString.prefix(12).lowercased())
    }

    @Test func exactlyTheLimitPassesFromThreeClientsAtOnce() async throws {
        let clients = [try await RedisServer.client(), try await RedisServer.client(), try await RedisServer.client()]
        let limiters = clients.map { RedisRateLimiter(client: $0) }
        let subject = Self.subject()
        let limits = KeyLimits(requestsPerMinute: 60)
        let started = Date()
        let allowed = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<150 {
                let limiter = limiters[index % limiters.count]
                group.addTask { (try? await limiter.admitRequest(subject, limits: limits, at: Date()))?.allowed ?? false }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(allowed == 60)
        let refused = try await limiters[0].admitRequest(subject, limits: limits, at: Date())
        #expect(refused.refusal == .requests)
        #expect(refused.requests?.remaining == 0)
        // The window's first request is at most as old as this test: it frees a slot within the minute.
        let elapsed = Int(Date().timeIntervalSince(started) * 1000)
        #expect(((60_000 - elapsed - 1_000)...60_000).contains(refused.requests?.retryMilliseconds ?? 0))
        #expect(try await limiters[1].admitRequest(Self.subject(), limits: limits, at: Date()).allowed, "another key is unaffected")
        for client in clients { await client.close() }
    }

    @Test func reservationsSettleToTheRealCount() async throws {
        let client = try await RedisServer.client()
        let limiter = RedisRateLimiter(client: client)
        let subject = Self.subject()
        let limits = KeyLimits(tokensPerMinute: 1000, budget: TokenBudget(tokens: 5000, period: .day(timeZone: "UTC")))
        let (first, reservation) = try await limiter.reserveTokens(subject, limits: limits, estimate: 600, at: Date())
        #expect(first.allowed)
        #expect(first.tokens?.remaining == 400)
        #expect(first.budget?.remaining == 4400)
        #expect(try await limiter.reserveTokens(subject, limits: limits, estimate: 600, at: Date()).0.refusal == .tokens)
        try await limiter.settle(try #require(reservation), actual: 123, limits: limits)
        let usage = try await limiter.usage(subject, limits: limits, at: Date())
        #expect(usage.tokensLastMinute == 123)
        #expect(usage.budgetSpent == 123)
        #expect(usage.budgetPeriod == limits.budget?.periodLabel(at: Date()))
        let (tooLarge, _) = try await limiter.reserveTokens(subject, limits: limits, estimate: 1001, at: Date())
        #expect(tooLarge.refusal == .requestTooLarge)
        await client.close()
    }

    @Test func concurrentReservationsCannotAllSpendTheLastTokens() async throws {
        let client = try await RedisServer.client()
        let limiter = RedisRateLimiter(client: client)
        let subject = Self.subject()
        let limits = KeyLimits(budget: TokenBudget(tokens: 1000, period: .rolling(hours: 24)))
        let granted = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 {
                group.addTask { (try? await limiter.reserveTokens(subject, limits: limits, estimate: 300, at: Date()))?.1 != nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(granted == 3, "three estimates of 300 fit in 1000, a fourth does not")
        let admitted = try await limiter.admitRequest(subject, limits: limits, at: Date())
        #expect(admitted.allowed, "100 tokens are left, so requests are still admitted")
        #expect(admitted.budget?.remaining == 100)
        await client.close()
    }

    @Test func unreachableRedisFailsOpenOntoLocalLimitsOrClosed() async throws {
        // Nothing listens on this port: every command fails at once.
        let dead = RedisClient(configuration: try RedisConfiguration(url: "redis://127.0.0.1:1"))
        let failures = Counter()
        let open = FailoverRateLimiter(redis: RedisRateLimiter(client: dead), rule: .open, logger: Logger(label: "test")) { failures.increment() }
        let limits = KeyLimits(requestsPerMinute: 2)
        let subject = Self.subject()
        #expect(try await open.admitRequest(subject, limits: limits, at: Date()).allowed)
        #expect(try await open.admitRequest(subject, limits: limits, at: Date()).allowed)
        #expect(try await open.admitRequest(subject, limits: limits, at: Date()).refusal == .requests, "the local limiter holds the limit")
        #expect(open.isDegraded)
        #expect(failures.value == 3)
        let closed = FailoverRateLimiter(redis: RedisRateLimiter(client: dead), rule: .closed, logger: Logger(label: "test"))
        await #expect(throws: LimitsError.self) { try await closed.admitRequest(subject, limits: limits, at: Date()) }
        await dead.close()
    }
}

/// A thread-safe counter for callbacks.
final class Counter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
