import NIOCore

extension RedisClient {
    /// Subscribes to `channels` on a dedicated connection and returns the messages published on them.
    ///
    /// Returns once Redis has confirmed every subscription, so a message published after this call returns is
    /// delivered. The stream ends when the connection closes (Redis stopped, ``close()``); stop consuming it
    /// (or cancel the consuming task) to unsubscribe, which closes the dedicated connection. A subscription is
    /// not renewed after its connection breaks: subscribe again. Messages are buffered without limit until
    /// read. Needs RESP3 (Redis 6 or later), where messages arrive as push messages.
    public func subscribe(to channels: [String]) async throws(RedisError) -> AsyncStream<RedisPubSubMessage> {
        try await openSubscription("SUBSCRIBE", channels)
    }

    /// Subscribes to channels matching the glob-style `patterns` (`PSUBSCRIBE`); each message carries the
    /// pattern that matched. Behaves as ``subscribe(to:)`` otherwise.
    public func subscribe(toPatterns patterns: [String]) async throws(RedisError) -> AsyncStream<RedisPubSubMessage> {
        try await openSubscription("PSUBSCRIBE", patterns)
    }

    private func openSubscription(_ command: String, _ names: [String]) async throws(RedisError) -> AsyncStream<RedisPubSubMessage> {
        guard !names.isEmpty else {
            throw RedisError(code: "protocol", message: "\(command) needs at least one channel or pattern")
        }
        guard !state.withLock({ $0.pool.isClosed }) else {
            throw .closed(configuration.endpoint, "the client was closed")
        }
        let tls = try tlsContext.get()
        let (stream, continuation) = AsyncStream.makeStream(of: RedisPubSubMessage.self)
        let connection: RedisConnection
        do {
            connection = try await RedisConnection.connect(
                configuration: configuration,
                eventLoop: eventLoopGroup.next(),
                tlsContext: tls,
                onPush: { push in
                    if let message = RedisPubSubMessage(push: push) {
                        continuation.yield(message)
                    }
                }
            ).get()
        } catch {
            throw RedisConnection.connectError(error, configuration: configuration)
        }
        do throws(RedisError) {
            guard connection.protocolVersion == 3 else {
                throw .unexpectedReply("pub/sub needs RESP3 (Redis 6 or later); Redis at \(connection.endpoint) speaks RESP2 only")
            }
            let reply: RESPValue
            do {
                reply = try await connection.subscribe([.string(command)] + names.map { .string($0) }, confirmations: names.count).get()
            } catch {
                throw error as? RedisError ?? .closed(connection.endpoint, "\(error)")
            }
            if let error = reply.error {
                throw .server(error, connection.endpoint)
            }
            let key = ObjectIdentifier(connection)
            let registered = state.withLock { state in
                guard !state.pool.isClosed else { return false }
                state.subscriptions[key] = connection
                return true
            }
            guard registered else { throw .closed(connection.endpoint, "the client was closed") }
            continuation.onTermination = { [weak self] _ in
                connection.channel.close(promise: nil)
                self?.state.withLock { _ = $0.subscriptions.removeValue(forKey: key) }
            }
            connection.channel.closeFuture.whenComplete { _ in
                continuation.finish()
            }
            return stream
        } catch {
            connection.channel.close(promise: nil)
            continuation.finish()
            throw error
        }
    }
}
