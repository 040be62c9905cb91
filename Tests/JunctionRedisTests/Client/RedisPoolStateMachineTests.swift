import NIOCore
import Testing

@testable import JunctionRedis

@Suite("Pool state machine and backoff")
struct RedisPoolStateMachineTests {
    typealias Pool = RedisPoolStateMachine<String, String>
    let t0 = NIODeadline.uptimeNanoseconds(1_000_000_000)
    let refused = RedisError(code: "connection_refused", message: "cannot connect to Redis at h:1: connection refused")

    /// Connects `slot` and marks it ready with connection `name`.
    func open(_ pool: inout Pool, _ action: Pool.LeaseAction, as name: String) {
        switch action {
        case .connectAndWait(let slot, let id), .useAndConnect(_, let slot, let id), .failAndConnect(_, let slot, let id):
            pool.connectStarted(slot: slot, id: id, pending: "pending-\(name)")
            let kept = pool.connectSucceeded(slot: slot, id: id, connection: name)
        #expect(kept)
        default:
            Issue.record("expected a connect, got \(action)")
        }
    }

    @Test func firstRequestConnectsAndWaitsThenOthersWaitForTheSameConnect() {
        var pool = Pool(poolSize: 2, endpoint: "h:1")
        guard case .connectAndWait(0, let id) = pool.lease(now: t0) else {
            Issue.record("first request should connect slot 0")
            return
        }
        pool.connectStarted(slot: 0, id: id, pending: "p0")
        // The second request opens slot 1 (lazily, on demand) and waits for it.
        guard case .connectAndWait(1, let id1) = pool.lease(now: t0) else {
            Issue.record("second request should connect slot 1")
            return
        }
        pool.connectStarted(slot: 1, id: id1, pending: "p1")
        // A third request waits for a connect in flight.
        guard case .wait(let pending) = pool.lease(now: t0) else {
            Issue.record("third request should wait")
            return
        }
        #expect(pending == "p0")
    }

    @Test func growsLazilyAndRoundRobins() {
        var pool = Pool(poolSize: 3, endpoint: "h:1")
        open(&pool, pool.lease(now: t0), as: "a")
        // Slot 1 is empty: the request uses "a" and opens slot 1 in the background.
        let second = pool.lease(now: t0)
        guard case .useAndConnect("a", 1, _) = second else {
            Issue.record("expected useAndConnect on slot 1, got \(second)")
            return
        }
        open(&pool, second, as: "b")
        let third = pool.lease(now: t0)
        guard case .useAndConnect("a", 2, _) = third else {
            Issue.record("expected useAndConnect on slot 2, got \(third)")
            return
        }
        open(&pool, third, as: "c")
        var used: [String] = []
        for _ in 0..<6 {
            guard case .use(let connection) = pool.lease(now: t0) else {
                Issue.record("expected a ready connection")
                return
            }
            used.append(connection)
        }
        #expect(used == ["a", "b", "c", "a", "b", "c"])
        #expect(pool.readyCount == 3)
    }

    @Test func closedConnectionIsReplaced() {
        var pool = Pool(poolSize: 1, endpoint: "h:1")
        let first = pool.lease(now: t0)
        guard case .connectAndWait(0, let id) = first else { Issue.record("\(first)"); return }
        pool.connectStarted(slot: 0, id: id, pending: "p")
        let kept = pool.connectSucceeded(slot: 0, id: id, connection: "a")
        #expect(kept)
        pool.connectionClosed(slot: 0, id: id)
        #expect(pool.readyCount == 0)
        // Not a connect failure: the next request reconnects and waits.
        guard case .connectAndWait(0, let id2) = pool.lease(now: t0) else { Issue.record("expected reconnect"); return }
        #expect(id2 != id)
        // A stale close of the old connection does not empty the new slot.
        pool.connectStarted(slot: 0, id: id2, pending: "p2")
        let keptAgain = pool.connectSucceeded(slot: 0, id: id2, connection: "b")
        #expect(keptAgain)
        pool.connectionClosed(slot: 0, id: id)
        #expect(pool.readyCount == 1)
    }

    @Test func failureModeFailsFastAndRetriesAfterBackoff() {
        var pool = Pool(poolSize: 2, endpoint: "h:1", backoff: RedisBackoff(initial: .milliseconds(100), maximum: .seconds(2)))
        guard case .connectAndWait(let slot, let id) = pool.lease(now: t0) else { Issue.record("expected connect"); return }
        pool.connectStarted(slot: slot, id: id, pending: "p")
        pool.connectFailed(slot: slot, id: id, error: refused, now: t0, random: 1)
        #expect(pool.consecutiveFailures == 1)
        #expect(pool.retryAt == t0 + .milliseconds(100))

        // Within the backoff: fail at once with the connect error, start nothing.
        guard case .fail(let error) = pool.lease(now: t0 + .milliseconds(50)) else { Issue.record("expected fail"); return }
        #expect(error == refused)

        // After the backoff: fail at once, but try one reconnect in the background.
        let retry = pool.lease(now: t0 + .milliseconds(100))
        guard case .failAndConnect(refused, let slot2, let id2) = retry else { Issue.record("expected failAndConnect, got \(retry)"); return }
        pool.connectStarted(slot: slot2, id: id2, pending: "p2")
        // While it is in flight, requests fail fast and start no second connect.
        guard case .fail = pool.lease(now: t0 + .milliseconds(150)) else { Issue.record("expected fail"); return }

        pool.connectFailed(slot: slot2, id: id2, error: refused, now: t0 + .milliseconds(200), random: 1)
        #expect(pool.consecutiveFailures == 2)
        #expect(pool.retryAt == t0 + .milliseconds(400))

        // Redis is back: the next retry succeeds and ends failure mode.
        let third = pool.lease(now: t0 + .milliseconds(400))
        guard case .failAndConnect(_, let slot3, let id3) = third else { Issue.record("expected failAndConnect, got \(third)"); return }
        pool.connectStarted(slot: slot3, id: id3, pending: "p3")
        let kept = pool.connectSucceeded(slot: slot3, id: id3, connection: "a")
        #expect(kept)
        #expect(pool.consecutiveFailures == 0)
        #expect(pool.lastError == nil)
        // Out of failure mode: requests use the connection and the pool grows again.
        switch pool.lease(now: t0 + .milliseconds(401)) {
        case .use("a"), .useAndConnect("a", _, _): break
        case let other: Issue.record("expected to use a, got \(other)")
        }
    }

    @Test func explicitConnectWaitsEvenInFailureMode() {
        var pool = Pool(poolSize: 1, endpoint: "h:1")
        guard case .connectAndWait(0, let id) = pool.lease(now: t0) else { Issue.record("expected connect"); return }
        pool.connectStarted(slot: 0, id: id, pending: "p")
        pool.connectFailed(slot: 0, id: id, error: refused, now: t0, random: 0)
        guard case .connectAndWait = pool.lease(now: t0, waitForConnect: true) else { Issue.record("expected connectAndWait"); return }
    }

    @Test func closeHandsBackConnectionsAndRejectsLaterLeases() {
        var pool = Pool(poolSize: 2, endpoint: "h:1")
        open(&pool, pool.lease(now: t0), as: "a")
        guard case .useAndConnect(_, let slot, let id) = pool.lease(now: t0) else { Issue.record("expected growth"); return }
        pool.connectStarted(slot: slot, id: id, pending: "p")
        let handedBack = pool.close()
        #expect(handedBack == ["a"])
        // The connect in flight completes after close: its connection is not wanted.
        let kept = pool.connectSucceeded(slot: slot, id: id, connection: "b")
        #expect(!kept)
        guard case .fail(let error) = pool.lease(now: t0) else { Issue.record("expected fail"); return }
        #expect(error.code == "closed")
    }

    @Test func backoffDoublesToTheCapWithJitterInTheUpperHalf() {
        let backoff = RedisBackoff()
        #expect(backoff.delay(afterFailures: 1, random: 1) == .milliseconds(50))
        #expect(backoff.delay(afterFailures: 1, random: 0) == .milliseconds(25))
        #expect(backoff.delay(afterFailures: 2, random: 1) == .milliseconds(100))
        #expect(backoff.delay(afterFailures: 3, random: 1) == .milliseconds(200))
        #expect(backoff.delay(afterFailures: 6, random: 1) == .milliseconds(1600))
        #expect(backoff.delay(afterFailures: 7, random: 1) == .seconds(2))
        #expect(backoff.delay(afterFailures: 1000, random: 1) == .seconds(2))
        #expect(backoff.delay(afterFailures: 1000, random: 0.5) == .milliseconds(1500))
    }
}
