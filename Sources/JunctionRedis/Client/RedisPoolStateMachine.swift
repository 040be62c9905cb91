import NIOCore

/// The connection pool's bookkeeping, as a value type that decides and returns actions but does no I/O
/// (tested without a server; ``RedisClient`` runs it under a lock and carries the actions out).
///
/// - Slots are filled lazily: the first request opens a connection and waits for it; afterwards each request
///   picks the next ready connection round-robin and, when the round-robin slot is still empty, opens a
///   connection for it in the background, so the pool grows to `poolSize` under load.
/// - A connection that closes empties its slot; the next request reconnects it.
/// - When a connect fails, the pool enters failure mode: requests that find no ready connection fail at once
///   with the last connect error, and one background reconnect is tried after a backoff that grows with each
///   consecutive failure (``RedisBackoff``). The first connect that succeeds ends failure mode.
///
/// `Connection` is what the pool hands out and `Pending` what a waiter awaits while a connect is in flight
/// (a future in the client; plain values in tests).
struct RedisPoolStateMachine<Connection, Pending> {
    enum Slot {
        case empty
        /// A connect is in flight; `pending` is set right after the slot is claimed, under the same lock.
        case connecting(id: Int, pending: Pending?)
        case ready(id: Int, Connection)
    }

    enum LeaseAction {
        /// Send on this connection.
        case use(Connection)
        /// Send on this connection, and open a connection for `slot` in the background.
        case useAndConnect(Connection, slot: Int, id: Int)
        /// Open a connection for `slot` and wait for it.
        case connectAndWait(slot: Int, id: Int)
        /// Fail now with the error, and try to reconnect `slot` in the background.
        case failAndConnect(RedisError, slot: Int, id: Int)
        /// Wait for a connect in flight.
        case wait(Pending)
        /// Fail now.
        case fail(RedisError)
    }

    private(set) var slots: [Slot]
    private(set) var consecutiveFailures = 0
    private(set) var lastError: RedisError?
    private(set) var isClosed = false
    /// No connect starts in failure mode before this instant.
    private(set) var retryAt: NIODeadline?
    private let backoff: RedisBackoff
    private let endpoint: String
    private var cursor = 0
    private var nextID = 0

    init(poolSize: Int, endpoint: String, backoff: RedisBackoff = RedisBackoff()) {
        self.slots = Array(repeating: .empty, count: max(poolSize, 1))
        self.endpoint = endpoint
        self.backoff = backoff
    }

    /// Picks a connection for one request. With `waitForConnect` (an explicit `connect()`), a request with no
    /// ready connection always opens one and waits, even in failure mode.
    mutating func lease(now: NIODeadline, waitForConnect: Bool = false) -> LeaseAction {
        guard !isClosed else { return .fail(.closed(endpoint, "the client was closed")) }
        let start = cursor
        cursor = (cursor + 1) % slots.count
        let canConnect = retryAt.map { now >= $0 } ?? true

        if let ready = firstReady(from: start) {
            if case .empty = slots[start], canConnect, consecutiveFailures == 0 || !isConnecting {
                let id = claim(start)
                return .useAndConnect(ready, slot: start, id: id)
            }
            return .use(ready)
        }
        if consecutiveFailures == 0 || waitForConnect {
            if case .empty = slots[start] {
                return .connectAndWait(slot: start, id: claim(start))
            }
            if let pending = firstPending() {
                return .wait(pending)
            }
            if let slot = slots.firstIndex(where: { if case .empty = $0 { true } else { false } }) {
                return .connectAndWait(slot: slot, id: claim(slot))
            }
            return .fail(lastError ?? .closed(endpoint, "no connection is available"))
        }
        let error = lastError ?? .closed(endpoint, "no connection is available")
        if canConnect, !isConnecting, let slot = slots.firstIndex(where: { if case .empty = $0 { true } else { false } }) {
            return .failAndConnect(error, slot: slot, id: claim(slot))
        }
        return .fail(error)
    }

    /// Records what waiters of the connect `id` in `slot` await.
    mutating func connectStarted(slot: Int, id: Int, pending: Pending) {
        if case .connecting(id, nil) = slots[slot] {
            slots[slot] = .connecting(id: id, pending: pending)
        }
    }

    /// A connect succeeded. Returns false when the connection is not wanted (the pool was closed): close it.
    mutating func connectSucceeded(slot: Int, id: Int, connection: Connection) -> Bool {
        guard !isClosed, case .connecting(id, _) = slots[slot] else { return false }
        slots[slot] = .ready(id: id, connection)
        consecutiveFailures = 0
        lastError = nil
        retryAt = nil
        return true
    }

    /// A connect failed: empties the slot and sets the next retry after a backoff (`random` in `0..<1`).
    mutating func connectFailed(slot: Int, id: Int, error: RedisError, now: NIODeadline, random: Double) {
        guard case .connecting(id, _) = slots[slot] else { return }
        slots[slot] = .empty
        consecutiveFailures += 1
        lastError = error
        let delay = backoff.delay(afterFailures: consecutiveFailures, random: random)
        retryAt = now + TimeAmount(delay)
    }

    /// The connection `id` of `slot` closed: empties the slot.
    mutating func connectionClosed(slot: Int, id: Int) {
        if case .ready(id, _) = slots[slot] {
            slots[slot] = .empty
        }
    }

    /// Closes the pool: later leases fail with `closed`. Returns the ready connections, for the caller to close.
    mutating func close() -> [Connection] {
        isClosed = true
        var connections: [Connection] = []
        for index in slots.indices {
            if case .ready(_, let connection) = slots[index] {
                connections.append(connection)
            }
            slots[index] = .empty
        }
        return connections
    }

    /// How many connections are ready.
    var readyCount: Int {
        slots.count(where: { if case .ready = $0 { true } else { false } })
    }

    private var isConnecting: Bool {
        slots.contains(where: { if case .connecting = $0 { true } else { false } })
    }

    private func firstReady(from start: Int) -> Connection? {
        for offset in 0..<slots.count {
            if case .ready(_, let connection) = slots[(start + offset) % slots.count] {
                return connection
            }
        }
        return nil
    }

    private func firstPending() -> Pending? {
        for slot in slots {
            if case .connecting(_, let pending?) = slot { return pending }
        }
        return nil
    }

    private mutating func claim(_ slot: Int) -> Int {
        nextID += 1
        slots[slot] = .connecting(id: nextID, pending: nil)
        return nextID
    }
}
