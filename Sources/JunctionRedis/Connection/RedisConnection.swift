import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// One connection to Redis: a channel whose pipeline is [TLS] → RESP decoder → ``RedisRequestHandler``.
///
/// Commands are encoded on the caller's thread and handed to the handler on the event loop, so many can be in
/// flight at once (pipelining); their replies come back in order. The connection holds no mutable state of its
/// own (the handler's state lives on the event loop), so it is a plain `Sendable` class.
final class RedisConnection: Sendable {
    /// The NIO channel; closing it fails every waiting command with code `closed`.
    let channel: any Channel
    /// The RESP version agreed in the handshake: 3 after `HELLO 3`, 2 on servers without HELLO.
    let protocolVersion: Int
    /// `host:port`, for error messages.
    let endpoint: String
    private let handle: RedisChannelHandle
    private let commandTimeout: TimeAmount

    private init(handle: RedisChannelHandle, protocolVersion: Int, endpoint: String, commandTimeout: TimeAmount) {
        self.channel = handle.channel
        self.handle = handle
        self.protocolVersion = protocolVersion
        self.endpoint = endpoint
        self.commandTimeout = commandTimeout
    }

    /// Wraps a channel whose pipeline already ends with `handler` (for tests on in-memory channels).
    convenience init(
        channel: any Channel,
        handler: NIOLoopBound<RedisRequestHandler>,
        protocolVersion: Int = 3,
        commandTimeout: TimeAmount
    ) {
        self.init(
            handle: RedisChannelHandle(channel: channel, handler: handler),
            protocolVersion: protocolVersion,
            endpoint: handler.value.endpoint,
            commandTimeout: commandTimeout
        )
    }

    /// Whether the channel is still open (a closed connection fails every command at once).
    var isActive: Bool { channel.isActive }

    /// Sends one command and returns its reply; an error reply is returned as a value, not thrown.
    func send(_ arguments: [RESPCommandArgument]) async -> Result<RESPValue, RedisError> {
        var payload = channel.allocator.buffer(capacity: 0)
        RESPEncoder().encodeCommand(arguments, into: &payload)
        return await withCheckedContinuation { continuation in
            handle.submit(RedisRequest(payload: payload, sink: .single(continuation), timeout: commandTimeout))
        }
    }

    /// Sends many commands in one write and returns their replies in order; error replies are values.
    func send(pipeline commands: [[RESPCommandArgument]]) async -> Result<[RESPValue], RedisError> {
        guard !commands.isEmpty else { return .success([]) }
        var payload = channel.allocator.buffer(capacity: 0)
        let encoder = RESPEncoder()
        for command in commands {
            encoder.encodeCommand(command, into: &payload)
        }
        return await withCheckedContinuation { continuation in
            handle.submit(
                RedisRequest(payload: payload, sink: .batch(count: commands.count, continuation), timeout: commandTimeout))
        }
    }

    /// Sends a RESP3 `SUBSCRIBE`/`PSUBSCRIBE` and completes when all `confirmations` push replies arrived
    /// (or with the error reply, as a value).
    func subscribe(_ arguments: [RESPCommandArgument], confirmations: Int) -> EventLoopFuture<RESPValue> {
        handle.send(arguments, timeout: commandTimeout, sink: { .subscription(count: confirmations, $0) })
    }

    /// Closes the channel; waiting commands fail with code `closed`.
    func close() -> EventLoopFuture<Void> {
        channel.close().recover { _ in }  // already closed is fine
    }
}

extension RedisConnection {
    /// Opens a connection: TCP (and TLS), then `HELLO 3` with `AUTH` when a password is set (falling back to
    /// `AUTH` and RESP2 on servers that do not know HELLO), then `SELECT` when the database is not 0.
    ///
    /// The whole sequence must finish within the connect timeout. Runs as a future chain on `eventLoop`, so the
    /// pool can open connections in the background without a task.
    static func connect(
        configuration: RedisConfiguration,
        eventLoop: any EventLoop,
        tlsContext: NIOSSLContext?,
        onPush: (@Sendable (RESPValue) -> Void)? = nil
    ) -> EventLoopFuture<RedisConnection> {
        let endpoint = configuration.endpoint
        let host = configuration.host
        let connectTimeout = TimeAmount(configuration.connectTimeout)
        let deadline = NIODeadline.now() + connectTimeout
        // The handler, kept from the initializer: a channel that fails fast (a TLS error) may have torn down its
        // pipeline before the connect future's callbacks run, and the handler still knows why it failed.
        let handlerSlot = HandlerSlot()
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(connectTimeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let operations = channel.pipeline.syncOperations
                    if let tlsContext {
                        let serverName = isIPAddress(host) ? nil : host
                        try operations.addHandler(NIOSSLClientHandler(context: tlsContext, serverHostname: serverName))
                    }
                    try operations.addHandler(ByteToMessageHandler(RESPDecoder()))
                    let handler = RedisRequestHandler(endpoint: endpoint, onPush: onPush)
                    try operations.addHandler(handler)
                    handlerSlot.handler.withLock { $0 = NIOLoopBound(handler, eventLoop: channel.eventLoop) }
                }
            }
        return bootstrap.connect(host: host, port: configuration.port)
            .flatMapErrorThrowing { error in
                throw connectError(error, configuration: configuration)
            }
            .flatMapThrowing { channel in
                guard let handler = handlerSlot.handler.withLock({ $0 }) else {
                    throw RedisError.connectionRefused(endpoint, "the channel was set up without its request handler")
                }
                return RedisChannelHandle(channel: channel, handler: handler)
            }
            .flatMap { handle in
                handshake(handle, configuration: configuration, deadline: deadline)
                    .map { version in
                        RedisConnection(
                            handle: handle,
                            protocolVersion: version,
                            endpoint: endpoint,
                            commandTimeout: TimeAmount(configuration.commandTimeout)
                        )
                    }
                    .flatMapError { error in
                        handle.channel.close(promise: nil)
                        return eventLoop.makeFailedFuture(error)
                    }
            }
            .flatMapErrorThrowing { error in
                // Every failure is a RedisError (a channel closed before the handshake started, for one).
                throw connectError(error, configuration: configuration)
            }
    }

    /// HELLO/AUTH/SELECT; returns the protocol version.
    private static func handshake(
        _ handle: RedisChannelHandle,
        configuration: RedisConfiguration,
        deadline: NIODeadline
    ) -> EventLoopFuture<Int> {
        let endpoint = configuration.endpoint
        let eventLoop = handle.channel.eventLoop
        @Sendable func send(_ arguments: [RESPCommandArgument]) -> EventLoopFuture<RESPValue> {
            let remaining = max(deadline - .now(), .milliseconds(1))
            return handle.send(arguments, timeout: remaining, sink: { .promise($0) })
                .flatMapErrorThrowing { error in
                    switch (error as? RedisError)?.code {
                    case "timeout":
                        throw RedisError.connectTimeout(endpoint, configuration.connectTimeout)
                    case "closed":
                        // Closed during the handshake: the TLS handshake failed (certificate, protocol), or the
                        // server dropped the connection (maxclients, a proxy): no connection could be made.
                        throw RedisError(
                            code: "connection_refused",
                            message: "cannot connect to Redis at \(endpoint): the handshake failed (\((error as! RedisError).message))"
                        )
                    default:
                        throw error
                    }
                }
        }
        var hello: [RESPCommandArgument] = ["HELLO", "3"]
        if let password = configuration.password {
            hello += ["AUTH", .string(configuration.username ?? "default"), .string(password)]
        }
        return send(hello)
            .flatMap { reply -> EventLoopFuture<Int> in
                guard let error = reply.error else { return eventLoop.makeSucceededFuture(3) }
                if error.code == "ERR", error.message.lowercased().contains("unknown command") {
                    // Redis before 6: no HELLO, no RESP3, AUTH takes the password alone.
                    guard let password = configuration.password else { return eventLoop.makeSucceededFuture(2) }
                    var auth: [RESPCommandArgument] = ["AUTH"]
                    if let username = configuration.username { auth.append(.string(username)) }
                    auth.append(.string(password))
                    return send(auth).flatMapThrowing { reply in
                        if let error = reply.error { throw authError(error, endpoint: endpoint) }
                        return 2
                    }
                }
                return eventLoop.makeFailedFuture(authError(error, endpoint: endpoint))
            }
            .flatMap { version -> EventLoopFuture<Int> in
                guard configuration.database != 0 else { return eventLoop.makeSucceededFuture(version) }
                return send(["SELECT", .integer(configuration.database)]).flatMapThrowing { reply in
                    if let error = reply.error { throw RedisError.server(error, endpoint) }
                    return version
                }
            }
    }

    /// An error reply to HELLO or AUTH: `auth` when it is about credentials, `server` otherwise.
    private static func authError(_ error: RESPError, endpoint: String) -> RedisError {
        let about = ["NOAUTH", "WRONGPASS", "NOPERM"].contains(error.code)
            || error.message.contains("AUTH") || error.message.lowercased().contains("password")
        return about ? .auth(endpoint, error.text) : .server(error, endpoint)
    }

    /// Maps NIO's connect errors to `connection_refused` or `connect_timeout`.
    static func connectError(_ error: any Error, configuration: RedisConfiguration) -> RedisError {
        let endpoint = configuration.endpoint
        switch error {
        case let error as RedisError:
            return error
        case ChannelError.connectTimeout:
            return .connectTimeout(endpoint, configuration.connectTimeout)
        case let error as NIOConnectionError:
            if error.connectionErrors.contains(where: { if case ChannelError.connectTimeout = $0.error { true } else { false } }) {
                return .connectTimeout(endpoint, configuration.connectTimeout)
            }
            if let first = error.connectionErrors.first {
                return .connectionRefused(endpoint, describe(first.error))
            }
            if error.dnsAError != nil || error.dnsAAAAError != nil {
                return .connectionRefused(endpoint, "cannot resolve host '\(configuration.host)'")
            }
            return .connectionRefused(endpoint, "\(error)")
        default:
            return .connectionRefused(endpoint, describe(error))
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? IOError {
            return error.errnoCode == 111 ? "connection refused" : error.description
        }
        return "\(error)"
    }

    private static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }
}

/// Where the channel initializer leaves the request handler it created.
private final class HandlerSlot: Sendable {
    let handler = Mutex<NIOLoopBound<RedisRequestHandler>?>(nil)
}

/// A channel and its request handler, usable from any thread.
struct RedisChannelHandle: Sendable {
    let channel: any Channel
    let handler: NIOLoopBound<RedisRequestHandler>

    /// Hands a request to the handler on the event loop.
    func submit(_ request: RedisRequest) {
        if channel.eventLoop.inEventLoop {
            handler.value.enqueue(request)
        } else {
            channel.eventLoop.execute { [handler] in
                handler.value.enqueue(request)
            }
        }
    }

    /// Encodes and sends one command whose reply completes a promise (for future chains).
    func send(
        _ arguments: [RESPCommandArgument],
        timeout: TimeAmount,
        sink: (EventLoopPromise<RESPValue>) -> RedisReplySink
    ) -> EventLoopFuture<RESPValue> {
        let promise = channel.eventLoop.makePromise(of: RESPValue.self)
        var payload = channel.allocator.buffer(capacity: 0)
        RESPEncoder().encodeCommand(arguments, into: &payload)
        submit(RedisRequest(payload: payload, sink: sink(promise), timeout: timeout))
        return promise.futureResult
    }
}

extension TimeAmount {
    /// The same span as a `TimeAmount` (nanosecond precision, saturating).
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let (nanos, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        self = .nanoseconds(overflow ? .max : nanos &+ attoseconds / 1_000_000_000)
    }
}
