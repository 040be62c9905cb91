import NIOCore
import NIOPosix
import JunctionTestSupport
import Testing

@testable import JunctionRedis

/// Runs `body` and returns its outcome as a `Result`.
func outcome<T>(_ body: () async throws -> T) async -> Result<T, RedisError> {
    do {
        return .success(try await body())
    } catch let error as RedisError {
        return .failure(error)
    } catch {
        return .failure(RedisError(code: "not a RedisError", message: "\(error)"))
    }
}


@Suite("Connections, timeouts, auth and recovery against real servers")
struct ConnectionIntegrationTests {
    @Test func unreachableRedisFailsFastNamingTheURL() async throws {
        // Port 1 on loopback: nothing listens there, so the connect is refused.
        var configuration = try RedisConfiguration(url: "redis://:secret@127.0.0.1:1/2")
        configuration.connectTimeout = .seconds(2)
        let redis = RedisClient(configuration: configuration)
        let (result, elapsed) = await timed { await outcome { try await redis.connect() } }
        let error = try #require(result.failure)
        #expect(error.code == "connection_refused")
        #expect(error.message.contains("redis://:***@127.0.0.1:1/2"), "\(error.message)")
        #expect(!error.message.contains("secret"))
        #expect(elapsed < .seconds(2) + .milliseconds(500))
        // Commands fail fast too, with the typed error, while the pool backs off.
        let (sent, sendElapsed) = await timed { await outcome { try await redis.send(PING()) } }
        #expect(sent.failure?.code == "connection_refused")
        #expect(sendElapsed < .milliseconds(500))
        await redis.close()
    }

    @Test func serverThatNeverAnswersHitsTheConnectTimeout() async throws {
        // A loopback listener that accepts connections and never replies (the HELLO waits forever).
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { $0.eventLoop.makeSucceededVoidFuture() }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(listener.localAddress?.port)
        var configuration = try RedisConfiguration(url: "redis://127.0.0.1:\(port)")
        configuration.connectTimeout = .milliseconds(300)
        let redis = RedisClient(configuration: configuration)
        let (result, elapsed) = await timed { await outcome { try await redis.connect() } }
        let error = try #require(result.failure)
        #expect(error.code == "connect_timeout")
        #expect(error.message.contains("redis://127.0.0.1:\(port)"))
        #expect(elapsed >= .milliseconds(300) && elapsed < .seconds(2))
        await redis.close()
        try await listener.close()
    }

    @Test func commandTimeoutFailsWithTimeoutClosesTheConnectionAndThePoolRecovers() async throws {
        try await RedisServer.withServer { server in
            let key = uniqueKey()
            // The GET must be queued before the BLPOP times out: the timeout leaves room for a slow, shared
            // machine to see the BLPOP blocked first (CI saw the detection alone take over a second).
            try await server.withClient(poolSize: 1, configure: { $0.commandTimeout = .seconds(4) }) { redis in
                try await server.withClient { observer in
                    try await redis.connect()
                    async let blocked = outcome { try await redis.send(["BLPOP", .string(key), 30]) }
                    // Wait until Redis shows the BLPOP blocked, then queue a GET behind it on the same connection.
                    let isBlocked = await eventually(within: .seconds(3)) {
                        let clients = try? await observer.send(["CLIENT", "LIST"]).string
                        return clients?.contains("cmd=blpop") == true
                    }
                    #expect(isBlocked)
                    async let queued = outcome { try await redis.send(GET(key)) }
                    let blockedError = try #require(await blocked.failure)
                    #expect(blockedError.code == "timeout")
                    #expect(blockedError.message.contains("127.0.0.1:\(server.port)"))
                    let queuedError = try #require(await queued.failure)
                    #expect(queuedError.code == "closed")
                    // The timed-out connection was closed; the pool opens a new one by itself.
                    let recovered = await eventually(within: .seconds(3)) {
                        (try? await redis.send(PING())) == true
                    }
                    #expect(recovered)
                }
            }
        }
    }

    @Test func authenticatesWithAPassword() async throws {
        try await RedisServer.withServer { server in
            try await server.withClient(poolSize: 1) { admin in
                try await admin.connect()
                _ = try await admin.send(["CONFIG", "SET", "requirepass", "s3cret pass"])
                do {
                    let withPassword = "redis://:s3cret%20pass@127.0.0.1:\(server.port)"
                    let redis = RedisClient(configuration: try RedisConfiguration(url: withPassword))
                    try await redis.connect()
                    #expect(try await redis.send(SET(uniqueKey(), value: "ok", expiration: .seconds(10))))
                    await redis.close()

                    let withUser = RedisClient(configuration: try RedisConfiguration(url: "redis://default:s3cret%20pass@127.0.0.1:\(server.port)"))
                    try await withUser.connect()
                    await withUser.close()

                    for url in ["redis://127.0.0.1:\(server.port)", "redis://:wrong@127.0.0.1:\(server.port)"] {
                        let refused = RedisClient(configuration: try RedisConfiguration(url: url))
                        let result = await outcome { try await refused.connect() }
                        let error = try #require(result.failure)
                        #expect(error.code == "auth", "\(error)")
                        #expect(error.message.contains("127.0.0.1:\(server.port)"))
                        #expect(!error.message.contains("wrong"))
                        // Commands fail with the same typed error.
                        #expect(await outcome { try await refused.send(PING()) }.failure?.code == "auth")
                        await refused.close()
                    }
                } catch {
                    _ = try? await admin.send(["CONFIG", "SET", "requirepass", ""])
                    throw error
                }
                _ = try await admin.send(["CONFIG", "SET", "requirepass", ""])
            }
        }
    }

    @Test func recoversAfterRedisIsStoppedAndRestartedOnTheSamePort() async throws {
        try await RedisServer.withServer { server in
            let key = uniqueKey()
            try await server.withClient(poolSize: 2, configure: { $0.connectTimeout = .seconds(1); $0.commandTimeout = .seconds(1) }) { redis in
                for index in 0..<20 {
                    #expect(try await redis.send(SET("\(key):\(index)", value: .integer(index))))
                }
                let messages = try await redis.subscribe(to: [key])

                try await server.stop()

                // The subscription ends with its connection.
                var iterator = messages.makeAsyncIterator()
                #expect(await iterator.next() == nil)
                // Calls fail fast with typed errors while Redis is down; none hangs.
                let (failures, elapsed) = await timed {
                    await withTaskGroup(of: Result<ByteBuffer?, RedisError>.self) { group in
                        for index in 0..<50 {
                            group.addTask { await outcome { try await redis.send(GET("\(key):\(index % 20)")) } }
                        }
                        return await group.reduce(into: []) { $0.append($1) }
                    }
                }
                #expect(elapsed < .seconds(1), "50 calls took \(elapsed) while Redis was down")
                for failure in failures {
                    let code = failure.failure?.code
                    #expect(code == "connection_refused" || code == "closed", "\(failure)")
                }
                for _ in 0..<5 {
                    let (result, callElapsed) = await timed { await outcome { try await redis.send(PING()) } }
                    #expect(result.failure?.code == "connection_refused")
                    #expect(callElapsed < .milliseconds(500))
                }
                // The pool backs off instead of reconnecting on every call.
                #expect(redis.state.withLock { $0.pool.consecutiveFailures } >= 1)

                let restarted = try await RedisServer.start(port: server.port)
                #expect(restarted.port == server.port)
                let recovered = await eventually(within: .seconds(10), every: .milliseconds(50)) {
                    (try? await redis.send(PING())) == true
                }
                #expect(recovered, "the client did not recover within 10 s after Redis restarted")
                // The restarted server is empty (no persistence); the same client works as before.
                #expect(try await redis.send(GET("\(key):1")) == nil)
                for index in 0..<20 {
                    #expect(try await redis.send(SET("\(key):\(index)", value: .integer(index))))
                }
                #expect(try await redis.pipeline([["GET", .string("\(key):7")]]).first.flatMap { try? $0.get().string } == "7")
            }
        }
    }
}
