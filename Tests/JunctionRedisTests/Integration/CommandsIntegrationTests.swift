import NIOCore
import JunctionTestSupport
import Testing

@testable import JunctionRedis

@Suite("Commands against a real Redis", .redisServer)
struct CommandsIntegrationTests {
    @Test func connectPingsAndSpeaksRESP3() async throws {
        let redis = try RedisServer.shared.client()
        try await redis.connect()
        #expect(try await redis.send(PING()))
        let connection = try await redis.lease()
        #expect(connection.protocolVersion == 3)
        await redis.close()
    }

    @Test func stringsAndKeys() async throws {
        try await RedisServer.shared.withClient { redis in
            let key = uniqueKey()
            #expect(try await redis.send(GET(key)) == nil)
            #expect(try await redis.send(SET(key, value: "hello")))
            #expect(try await redis.send(GET(key)).map { String(buffer: $0) } == "hello")
            #expect(try await redis.send(TTL(key)) == .persistent)
            #expect(try await !redis.send(SET(key, value: "other", condition: .ifNotExists)))
            #expect(try await redis.send(SET(key, value: "again", condition: .ifExists)))
            #expect(try await redis.send(SET(key, value: "ttl", expiration: .seconds(100))))
            guard case .expires(let remaining) = try await redis.send(TTL(key)) else {
                Issue.record("expected an expiry")
                return
            }
            #expect(remaining > .seconds(90) && remaining <= .seconds(100))
            #expect(try await redis.send(PEXPIRE(key, milliseconds: 50_000)))
            guard case .expires(let pttl) = try await redis.send(PTTL(key)) else {
                Issue.record("expected an expiry")
                return
            }
            #expect(pttl > .seconds(40) && pttl <= .seconds(50))
            #expect(try await redis.send(EXPIRE(key, seconds: 30)))
            #expect(try await redis.send(SET(key + ":px", value: 1, expiration: .milliseconds(60_000))))
            #expect(try await redis.send(EXISTS(key, key + ":px", key + ":missing")) == 2)
            #expect(try await redis.send(DEL(key, key + ":px", key + ":missing")) == 2)
            #expect(try await redis.send(TTL(key)) == .noKey)
            #expect(try await redis.send(PTTL(key)) == .noKey)
            #expect(try await !redis.send(EXPIRE(key, seconds: 1)))
            // Binary-safe values round-trip.
            let bytes: [UInt8] = [0, 13, 10, 255, 36]
            #expect(try await redis.send(SET(key, value: .bytes(bytes))))
            #expect(try await redis.send(GET(key)).map { Array($0.readableBytesView) } == bytes)
            _ = try await redis.send(DEL(key))
        }
    }

    @Test func serverErrorsAreTypedWithRedisCode() async throws {
        let server = try RedisServer.shared
        try await server.withClient { redis in
            let key = uniqueKey()
            _ = try await redis.send(HSET(key, field: "a", value: "1"))
            do throws(RedisError) {
                _ = try await redis.send(GET(key))
                Issue.record("GET on a hash succeeded")
            } catch {
                #expect(error.code == "server")
                #expect(error.serverCode == "WRONGTYPE")
                #expect(error.message.contains("Operation against a key holding the wrong kind of value"))
                #expect(error.message.contains("Redis at 127.0.0.1:\(server.port) replied with an error: WRONGTYPE"))
            }
            do throws(RedisError) {
                _ = try await redis.send(["NOSUCHCOMMAND", "x"])
                Issue.record("an unknown command succeeded")
            } catch {
                #expect(error.code == "server")
                #expect(error.serverCode == "ERR")
            }
            // The connection is still in step after errors.
            #expect(try await redis.send(PING()))
            _ = try await redis.send(DEL(key))
        }
    }

    @Test func hashes() async throws {
        try await RedisServer.shared.withClient { redis in
            let key = uniqueKey()
            #expect(try await redis.send(HSET(key, fields: [("name", "junction"), ("count", 3), ("vector", .vector([1, 2]))])) == 3)
            #expect(try await redis.send(HSET(key, field: "count", value: 4)) == 0)
            #expect(try await redis.send(HGET(key, field: "name")).map { String(buffer: $0) } == "junction")
            #expect(try await redis.send(HGET(key, field: "missing")) == nil)
            let all = try await redis.send(HGETALL(key))
            #expect(all.keys.sorted() == ["count", "name", "vector"])
            #expect(all["count"].map { String(buffer: $0) } == "4")
            #expect(all["vector"]?.readableBytes == 8)
            #expect(try await redis.send(HGETALL(key + ":missing")).isEmpty)
            _ = try await redis.send(DEL(key))
        }
    }

    @Test func evalshaFallsBackToEvalOnNoscript() async throws {
        try await RedisServer.shared.withClient { redis in
            let key = uniqueKey()
            let script = RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1]) -- \(key)")
            // The locally computed SHA-1 is the one Redis computes.
            #expect(try await redis.send(SCRIPT.LOAD(script.source)) == script.sha1)
            try await redis.send(SCRIPT.FLUSH())
            do throws(RedisError) {
                _ = try await redis.send(EVALSHA(sha1: script.sha1, keys: [key], arguments: [1]))
                Issue.record("EVALSHA of a flushed script succeeded")
            } catch {
                #expect(error.serverCode == "NOSCRIPT")
            }
            // run(): EVALSHA fails with NOSCRIPT, EVAL runs (and caches) the script.
            #expect(try await redis.run(script, keys: [key], arguments: [5]) == 5)
            // Now EVALSHA alone works.
            #expect(try await redis.send(EVALSHA(sha1: script.sha1, keys: [key], arguments: [2])) == 7)
            #expect(try await redis.run(script, keys: [key], arguments: [3]) == 10)
            // A script error is a server error, not a fallback.
            do throws(RedisError) {
                _ = try await redis.run(RedisScript("return redis.error_reply('BOOM broken')"))
                Issue.record("a failing script succeeded")
            } catch {
                #expect(error.code == "server")
                #expect(error.serverCode == "BOOM")
            }
            _ = try await redis.send(DEL(key))
        }
    }

    @Test func jsonSetAndGet() async throws {
        try await RedisServer.shared.withClient { redis in
            let key = uniqueKey()
            #expect(try await redis.send(JSON.GET(key)) == nil)
            #expect(try await redis.send(JSON.SET(key, path: ".", json: #"{"name":"router","routes":[{"name":"a"}],"max_k":1}"#)))
            #expect(try await redis.send(JSON.GET(key)) == #"{"name":"router","routes":[{"name":"a"}],"max_k":1}"#)
            #expect(try await redis.send(JSON.GET(key, path: "$.routes[0].name")) == #"["a"]"#)
            #expect(try await redis.send(JSON.SET(key, path: "$.max_k", json: "3")))
            #expect(try await redis.send(JSON.GET(key, path: "$.max_k")) == "[3]")
            #expect(try await !redis.send(JSON.SET(key, path: "$.max_k", json: "4", condition: .ifNotExists)))
            do throws(RedisError) {
                _ = try await redis.send(JSON.SET(key, path: "$", json: "{not json"))
                Issue.record("invalid JSON was accepted")
            } catch {
                #expect(error.code == "server")
            }
            _ = try await redis.send(DEL(key))
        }
    }

    @Test func streams() async throws {
        try await RedisServer.shared.withClient { redis in
            let key = uniqueKey()
            #expect(try await redis.send(XLEN(key)) == 0)
            let first = try await redis.send(XADD(key, fields: [("event", "hit"), ("route", "a")]))
            let second = try await redis.send(XADD(key, fields: [("event", "miss")], maxLength: .init(1000)))
            #expect(first.contains("-") && first != second)
            #expect(try await redis.send(XADD(key, id: "99999999999999-0", fields: [("event", "late")])) == "99999999999999-0")
            #expect(try await redis.send(XLEN(key)) == 3)
            let entries = try await redis.send(XRANGE(key))
            #expect(entries.map(\.id) == [first, second, "99999999999999-0"])
            #expect(entries[0].fields.map(\.field) == ["event", "route"])
            #expect(entries[0]["route"].map { String(buffer: $0) } == "a")
            #expect(try await redis.send(XRANGE(key, start: second, count: 1)).map(\.id) == [second])
            _ = try await redis.send(DEL(key))
        }
    }

    @Test func pubSubDeliversPublishedMessages() async throws {
        try await RedisServer.shared.withClient { redis in
            let channel = uniqueKey()
            let messages = try await redis.subscribe(to: [channel, channel + ":other"])
            let patterned = try await redis.subscribe(toPatterns: [channel + ":*"])
            // Subscribed before subscribe() returned: the publish reaches both subscriptions where they match.
            #expect(try await redis.send(PUBLISH(channel, message: "hello")) == 1)
            #expect(try await redis.send(PUBLISH(channel + ":other", message: .bytes([0, 1, 2]))) == 2)
            var iterator = messages.makeAsyncIterator()
            let first = await iterator.next()
            #expect(first == RedisPubSubMessage(channel: channel, payload: ByteBuffer(string: "hello")))
            let second = await iterator.next()
            #expect(second?.channel == channel + ":other")
            #expect(second.map { Array($0.payload.readableBytesView) } == [0, 1, 2])
            var patternIterator = patterned.makeAsyncIterator()
            let matched = await patternIterator.next()
            #expect(matched?.pattern == channel + ":*")
            #expect(matched?.channel == channel + ":other")
            // The pool keeps working while subscriptions are open, and close() ends the streams.
            #expect(try await redis.send(PING()))
            await redis.close()
            #expect(await iterator.next() == nil)
            #expect(await patternIterator.next() == nil)
        }
    }

    @Test func pipelineOfAThousandCommandsRepliesInOrder() async throws {
        try await RedisServer.shared.withClient(poolSize: 1) { redis in
            let key = uniqueKey()
            let commands: [[RESPCommandArgument]] = (0..<1000).map { index in
                index == 500 ? ["HGET", .string(key), "x"] : ["ECHO", .string("value-\(index)")]
            }
            _ = try await redis.send(SET(key, value: "a string"))
            let replies = try await redis.pipeline(commands)
            #expect(replies.count == 1000)
            for (index, reply) in replies.enumerated() where index != 500 {
                guard case .success(let value) = reply, value.string == "value-\(index)" else {
                    Issue.record("reply \(index) is \(reply)")
                    return
                }
            }
            // An error reply fails only its own command.
            guard case .failure(let error) = replies[500] else {
                Issue.record("HGET on a string succeeded")
                return
            }
            #expect(error.serverCode == "WRONGTYPE")
            #expect(try await redis.pipeline([]).isEmpty)
            _ = try await redis.send(DEL(key))
        }
    }

    @Test func manyConcurrentCallersGetTheirOwnReplies() async throws {
        try await RedisServer.shared.withClient(poolSize: 3) { redis in
            let prefix = uniqueKey()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<40 {
                    group.addTask {
                        for index in 0..<50 {
                            let key = "\(prefix):\(task):\(index)"
                            #expect(try await redis.send(SET(key, value: .string(key), expiration: .seconds(60))))
                            let value = try await redis.send(GET(key))
                            #expect(value.map { String(buffer: $0) } == key)
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(redis.state.withLock { $0.pool.readyCount } == 3)
        }
    }

    @Test func selectsTheDatabaseFromTheURL() async throws {
        let server = try RedisServer.shared
        let key = uniqueKey()
        try await server.withClient(configure: { $0.database = 3 }) { db3 in
            try await server.withClient { db0 in
                #expect(try await db3.send(SET(key, value: "in 3")))
                #expect(try await db0.send(GET(key)) == nil)
                #expect(try await db3.send(GET(key)).map { String(buffer: $0) } == "in 3")
                _ = try await db3.send(DEL(key))
            }
        }
        let url = server.url + "/99"
        let bad = RedisClient(configuration: try RedisConfiguration(url: url))
        do throws(RedisError) {
            try await bad.connect()
            Issue.record("SELECT 99 succeeded")
        } catch {
            #expect(error.code == "server")
            #expect(error.message.contains("DB index is out of range"))
            #expect(error.message.contains(url))
        }
        await bad.close()
    }

    @Test func closedClientFailsWithClosed() async throws {
        let redis = try RedisServer.shared.client()
        #expect(try await redis.send(PING()))
        await redis.close()
        do throws(RedisError) {
            _ = try await redis.send(PING())
            Issue.record("a closed client sent a command")
        } catch {
            #expect(error.code == "closed")
        }
    }
}
