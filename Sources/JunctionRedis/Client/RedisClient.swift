import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A Redis client: a small pool of pipelined connections, opened lazily and replaced when they break.
///
/// ```swift
/// let redis = RedisClient(configuration: try RedisConfiguration(url: "redis://127.0.0.1:6379"))
/// try await redis.connect()
/// try await redis.send(SET("greeting", value: "hello", expiration: .seconds(60)))
/// let value = try await redis.send(GET("greeting"))
/// await redis.close()
/// ```
///
/// Requests are spread round-robin over up to ``RedisConfiguration/poolSize`` connections; each connection
/// pipelines (many requests in flight, replies in order). When Redis is down, calls fail fast with
/// `connection_refused` (or `closed` for those in flight) instead of waiting; reconnects are tried in the
/// background with exponential backoff and jitter (50 ms doubling to 2 s), and the client recovers by itself
/// when Redis is back. Call ``close()`` when done.
///
/// A command that times out fails with `timeout` and closes its connection (replies arrive in order, so the
/// connection cannot be trusted after a missing one); the other commands waiting on that connection fail with
/// `closed`. Cancelling the task of a waiting command does not withdraw it (it is already on the wire): the call
/// returns when its reply arrives or its timeout passes.
///
/// The class is `Sendable`: its only mutable state is the pool's bookkeeping, behind a `Mutex`; connections
/// are opened by NIO future chains, so no background task is ever started.
public final class RedisClient: Sendable {
    /// The configuration the client was created with.
    public let configuration: RedisConfiguration
    let eventLoopGroup: any EventLoopGroup
    /// The TLS context for `rediss://` (created once), or why it could not be created.
    let tlsContext: Result<NIOSSLContext?, RedisError>
    let state: Mutex<State>

    struct State {
        var pool: RedisPoolStateMachine<RedisConnection, EventLoopFuture<RedisConnection>>
        /// Dedicated pub/sub connections, closed with the client.
        var subscriptions: [ObjectIdentifier: RedisConnection] = [:]
    }

    /// Creates a client; no connection is opened until ``connect()`` or the first command.
    public init(configuration: RedisConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.tlsContext = Self.makeTLSContext(configuration)
        self.state = Mutex(State(pool: RedisPoolStateMachine(poolSize: configuration.poolSize, endpoint: configuration.endpoint)))
    }

    deinit {
        // A client dropped without close(): close what it holds (its callbacks hold it only weakly).
        let connections = state.withLock { state in
            state.pool.close() + Array(state.subscriptions.values)
        }
        for connection in connections {
            connection.channel.close(promise: nil)
        }
    }

    /// Opens a connection (if none is open) and PINGs the server.
    ///
    /// Fails fast, with a message naming the URL (without its password), when Redis is unreachable
    /// (`connection_refused`, `connect_timeout`), refuses the credentials (`auth`), or does not answer.
    public func connect() async throws(RedisError) {
        do throws(RedisError) {
            let connection = try await lease(waitForConnect: true)
            let reply = try await connection.send(["PING"]).get()
            if let error = reply.error {
                throw RedisError.server(error, connection.endpoint)
            }
        } catch {
            throw RedisError(
                code: error.code,
                message: "cannot use Redis at \(configuration.redactedURL): \(error.message)",
                serverCode: error.serverCode
            )
        }
    }

    /// Sends a command and decodes its reply into the command's `Response`.
    public func send<Command: RedisCommand>(_ command: Command) async throws(RedisError) -> Command.Response {
        try command.decode(try await send(command.arguments))
    }

    /// Sends a command given as raw arguments and returns its reply.
    ///
    /// An error reply from Redis is thrown as a ``RedisError`` with code `server`, its ``RedisError/serverCode``
    /// and Redis's text.
    public func send(_ arguments: [RESPCommandArgument]) async throws(RedisError) -> RESPValue {
        guard !arguments.isEmpty else { throw Self.emptyCommand }
        let connection = try await lease()
        let reply = try await connection.send(arguments).get()
        if let error = reply.error {
            throw .server(error, connection.endpoint)
        }
        return reply
    }

    /// Sends many commands in one write on one connection and returns their replies in order.
    ///
    /// Each reply is a `Result`: an error reply from Redis fails only its own command (code `server`). A failure
    /// of the connection itself (timeout, closed) throws for the whole pipeline.
    public func pipeline(_ commands: [[RESPCommandArgument]]) async throws(RedisError) -> [Result<RESPValue, RedisError>] {
        guard !commands.isEmpty else { return [] }
        guard !commands.contains(where: \.isEmpty) else { throw Self.emptyCommand }
        let connection = try await lease()
        let replies = try await connection.send(pipeline: commands).get()
        let endpoint = connection.endpoint
        return replies.map { reply in
            if let error = reply.error {
                return .failure(.server(error, endpoint))
            }
            return .success(reply)
        }
    }

    /// Closes every connection; commands waiting for replies fail with `closed`, and later calls fail with `closed`.
    public func close() async {
        let connections = state.withLock { state in
            let subscriptions = Array(state.subscriptions.values)
            state.subscriptions = [:]
            return state.pool.close() + subscriptions
        }
        for connection in connections {
            try? await connection.close().get()
        }
    }

    private static let emptyCommand = RedisError(code: "protocol", message: "a command needs at least one argument")
}

extension RedisClient {
    /// Picks a connection from the pool, opening one when needed (see ``RedisPoolStateMachine``).
    func lease(waitForConnect: Bool = false) async throws(RedisError) -> RedisConnection {
        let decision = state.withLock { state -> (RedisPoolStateMachine<RedisConnection, EventLoopFuture<RedisConnection>>.LeaseAction, Connect?) in
            let action = state.pool.lease(now: .now(), waitForConnect: waitForConnect)
            switch action {
            case .useAndConnect(_, let slot, let id), .connectAndWait(let slot, let id), .failAndConnect(_, let slot, let id):
                // The promise is stored before the lock is released, so other requests can wait on it.
                let promise = eventLoopGroup.next().makePromise(of: RedisConnection.self)
                state.pool.connectStarted(slot: slot, id: id, pending: promise.futureResult)
                return (action, Connect(slot: slot, id: id, promise: promise))
            case .use, .wait, .fail:
                return (action, nil)
            }
        }
        if let connect = decision.1 {
            startConnect(connect)
        }
        switch decision.0 {
        case .use(let connection), .useAndConnect(let connection, _, _):
            return connection
        case .connectAndWait:
            return try await Self.wait(for: decision.1!.promise.futureResult)
        case .wait(let pending):
            return try await Self.wait(for: pending)
        case .failAndConnect(let error, _, _), .fail(let error):
            throw error
        }
    }

    private struct Connect {
        var slot: Int
        var id: Int
        var promise: EventLoopPromise<RedisConnection>
    }

    /// Opens a connection for a pool slot and records the outcome when it completes.
    private func startConnect(_ connect: Connect) {
        let tlsContext: NIOSSLContext?
        switch self.tlsContext {
        case .success(let context):
            tlsContext = context
        case .failure(let error):
            connect.promise.fail(error)
            connectFailed(connect, error)
            return
        }
        let future = RedisConnection.connect(
            configuration: configuration,
            eventLoop: connect.promise.futureResult.eventLoop,
            tlsContext: tlsContext
        )
        // The pool's state is updated first, then waiters are woken (callbacks run in the order they were added).
        defer { future.cascade(to: connect.promise) }
        future.whenComplete { [weak self] result in
            guard let self else {
                if case .success(let connection) = result { connection.channel.close(promise: nil) }
                return
            }
            switch result {
            case .success(let connection):
                let kept = state.withLock { $0.pool.connectSucceeded(slot: connect.slot, id: connect.id, connection: connection) }
                guard kept else {
                    connection.channel.close(promise: nil)
                    return
                }
                connection.channel.closeFuture.whenComplete { [weak self] _ in
                    self?.state.withLock { $0.pool.connectionClosed(slot: connect.slot, id: connect.id) }
                }
            case .failure(let error):
                connectFailed(connect, Self.redisError(error, configuration: configuration))
            }
        }
    }

    private func connectFailed(_ connect: Connect, _ error: RedisError) {
        state.withLock {
            $0.pool.connectFailed(slot: connect.slot, id: connect.id, error: error, now: .now(), random: .random(in: 0..<1))
        }
    }

    private static func wait(for future: EventLoopFuture<RedisConnection>) async throws(RedisError) -> RedisConnection {
        do {
            return try await future.get()
        } catch let error as RedisError {
            throw error
        } catch {
            throw RedisError(code: "closed", message: "\(error)")
        }
    }

    static func redisError(_ error: any Error, configuration: RedisConfiguration) -> RedisError {
        RedisConnection.connectError(error, configuration: configuration)
    }

    /// The client's TLS settings: certificate verification on, the system's trust roots or the configured CA file.
    private static func makeTLSContext(_ configuration: RedisConfiguration) -> Result<NIOSSLContext?, RedisError> {
        guard configuration.tls else { return .success(nil) }
        var tls = TLSConfiguration.makeClientConfiguration()
        if let file = configuration.tlsCertificateAuthorityFile {
            tls.trustRoots = .file(file)
        }
        do {
            return .success(try NIOSSLContext(configuration: tls))
        } catch {
            return .failure(RedisError(code: "connection_refused", message: "cannot set up TLS for Redis at \(configuration.endpoint): \(error)"))
        }
    }
}
