import ArgumentParser
import AsyncHTTPClient
import Foundation
import JunctionLimits
import JunctionRedis
import Logging
import NIOCore
import NIOPosix

/// `junction bench limits`: what the limiter costs per request (in process and on Redis) and how exact it
/// is with several gateways under load, beside what LiteLLM's documentation reports.
struct BenchLimitsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "limits",
        abstract: "Limiter cost per request (embedded and Redis) and accuracy with several instances under load.",
        discussion: """
            Part 1 calls the limiter directly, --calls times per operation and round: admitting a request \
            (requests per minute), reserving tokens and settling them, in process and on a Redis 8 started by \
            scripts/redis on loopback; p50/p99 per call, medians over --rounds. Part 2 starts \
            `junction fake-upstream` and --instances `junction serve` processes (this executable; build it with \
            -c release) sharing that Redis, with one key limited to --limit requests per minute, sends twice the \
            limit from --connections concurrent connections spread over the instances, and counts the requests \
            admitted; then the same with each instance on its own embedded store, for comparison.
            """
    )

    @Option(help: "Calls per operation and round (part 1).")
    var calls = 20_000

    @Option(help: "Rounds of part 1; the table shows medians.")
    var rounds = 3

    @Option(help: "Gateways sharing the Redis (part 2).")
    var instances = 3

    @Option(help: "Requests per minute of the key (part 2).")
    var limit = 300

    @Option(help: "Concurrent connections of the load (part 2).")
    var connections = 32

    func validate() throws {
        guard calls >= 100, rounds >= 1, instances >= 1, limit >= 1, connections >= 1 else {
            throw ValidationError("--calls must be at least 100; --rounds, --instances, --limit and --connections at least 1")
        }
    }

    func run() async throws {
        Terminal.log("starting Redis (scripts/redis)")
        let redis = try RedisScript.start()
        defer { redis.stop() }
        let client = RedisClient(configuration: try RedisConfiguration(url: redis.url))
        do {
            try await client.connect()
            let rows = try await measureCosts(client)
            await client.close()
            let accuracy = try await measureAccuracy(redisURL: redis.url)
            print(report(rows, accuracy: accuracy))
        } catch {
            await client.close()
            throw error
        }
    }

    private func measureCosts(_ client: RedisClient) async throws -> [(String, [LatencySummary])] {
        var rows: [(String, [LatencySummary])] = []
        for (name, limiter) in [("in process", LocalRateLimiter() as any RateLimiter), ("Redis, loopback", RedisRateLimiter(client: client, namespace: "bench-\(getpid())"))] {
            var admit: [LatencySummary] = [], reserve: [LatencySummary] = [], settle: [LatencySummary] = []
            for round in 1...rounds {
                Terminal.log("\(name): round \(round)/\(rounds), \(calls) calls per operation")
                let (a, r, s) = try await Self.costs(limiter, calls: calls)
                admit.append(a)
                reserve.append(r)
                settle.append(s)
            }
            rows += [("\(name): admit request", admit), ("\(name): reserve tokens", reserve), ("\(name): settle tokens", settle)]
        }
        return rows
    }

    /// p50/p99 of each operation over `calls` calls, one after the other.
    static func costs(_ limiter: any RateLimiter, calls: Int) async throws -> (LatencySummary, LatencySummary, LatencySummary) {
        let limits = KeyLimits(requestsPerMinute: 1_000_000_000, tokensPerMinute: 1_000_000_000, budget: TokenBudget(tokens: Int.max >> 12, period: .day(timeZone: "UTC")))
        let subject = LimitSubject(key: "key_bench_\(UUID().uuidString.prefix(8))")
        var admit: [Double] = [], reserve: [Double] = [], settle: [Double] = []
        admit.reserveCapacity(calls)
        for _ in 0..<calls {
            let started = ContinuousClock.now
            let verdict = try await limiter.admitRequest(subject, limits: limits, at: Date())
            admit.append((ContinuousClock.now - started).milliseconds)
            guard verdict.allowed else { throw CLIError("the benchmark's key was refused: \(verdict)") }
        }
        for _ in 0..<calls {
            var started = ContinuousClock.now
            let (_, reservation) = try await limiter.reserveTokens(subject, limits: limits, estimate: 600, at: Date())
            reserve.append((ContinuousClock.now - started).milliseconds)
            guard let reservation else { throw CLIError("the benchmark's reservation was refused") }
            started = ContinuousClock.now
            try await limiter.settle(reservation, actual: 400, limits: limits)
            settle.append((ContinuousClock.now - started).milliseconds)
        }
        return (LatencySummary(samples: admit), LatencySummary(samples: reserve), LatencySummary(samples: settle))
    }

    struct Accuracy {
        var shared: Int
        var separate: Int
        var sent: Int
        var errors: Int
    }

    private func measureAccuracy(redisURL: String) async throws -> Accuracy {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("junction-bench-limits-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        Terminal.log("starting junction fake-upstream")
        let upstream = try ChildServer(
            name: "junction fake-upstream", executable: executable, arguments: ["fake-upstream", "--host", "127.0.0.1", "--port", "0"],
            logFile: scratch.appendingPathComponent("fake-upstream.log"))
        defer { upstream.stop() }
        var counts: [Int] = []
        var errors = 0
        for shared in [true, false] {
            let key = "sk-bench-" + UUID().uuidString.prefix(12).lowercased()
            var gateways: [ChildServer] = []
            defer { for gateway in gateways { gateway.stop() } }
            for index in 0..<instances {
                let config = scratch.appendingPathComponent("junction-\(shared)-\(index).yaml")
                try Data(self.config(upstream: upstream.url, redisURL: shared ? redisURL : nil, key: key,
                                     dataDirectory: scratch.appendingPathComponent("data-\(index)-\(shared)").path).utf8).write(to: config)
                Terminal.log("starting junction serve \(index + 1)/\(instances) (\(shared ? "shared Redis" : "embedded store"))")
                gateways.append(try ChildServer(
                    name: "junction serve", executable: executable, arguments: ["serve", "--config", config.path, "--port", "0"],
                    logFile: scratch.appendingPathComponent("serve-\(index)-\(shared).log")))
            }
            Terminal.log("sending \(2 * limit) requests over \(connections) connections")
            let (admitted, failed) = try await Self.burst(urls: gateways.map(\.url), key: key, count: 2 * limit, connections: connections)
            counts.append(admitted)
            errors += failed
        }
        return Accuracy(shared: counts[0], separate: counts[1], sent: 2 * limit, errors: errors)
    }

    /// Sends `count` chat requests round-robin over `urls`, `connections` at a time; returns how many got
    /// 200 and how many got neither 200 nor 429.
    static func burst(urls: [String], key: String, count: Int, connections: Int) async throws -> (admitted: Int, failed: Int) {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        let client = HTTPClient(eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton), configuration: configuration)
        defer { _ = client.shutdown() }
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            var statuses: [Int] = []
            var next = 0
            func add(_ index: Int) {
                group.addTask {
                    var request = HTTPClientRequest(url: urls[index % urls.count] + "/v1/chat/completions")
                    request.method = .POST
                    request.headers.add(name: "Content-Type", value: "application/json")
                    request.headers.add(name: "Authorization", value: "Bearer \(key)")
                    request.headers.add(name: "x-junction-cache", value: "bypass")
                    request.body = .bytes(ByteBuffer(string: #"{"model": "bench-model", "messages": [{"role": "user", "content": "limit \#(index)"}]}"#))
                    let response = try await client.execute(request, timeout: .seconds(60))
                    _ = try await response.body.collect(upTo: 1 << 20)
                    return Int(response.status.code)
                }
            }
            while next < min(connections, count) {
                add(next)
                next += 1
            }
            while let status = try await group.next() {
                statuses.append(status)
                if next < count {
                    add(next)
                    next += 1
                }
            }
            return statuses
        }
        return (statuses.filter { $0 == 200 }.count, statuses.filter { $0 != 200 && $0 != 429 }.count)
    }

    private func report(_ rows: [(String, [LatencySummary])], accuracy: Accuracy) -> String {
        func us(_ value: Double) -> String { String(format: "%.1f", value * 1000) }
        var table = TextTable(header: ["operation", "p50 (µs)", "p99 (µs)", "goal"])
        for (name, summaries) in rows {
            let goal = name.hasPrefix("Redis") ? (name.hasSuffix("settle tokens") ? "-" : "<= 200 µs p50") : (name.hasSuffix("settle tokens") ? "-" : "<= 5 µs p50")
            table.add([name, us(LatencySummary.median(summaries.map(\.p50))), us(LatencySummary.median(summaries.map(\.p99))), goal])
        }
        var accuracyTable = TextTable(header: ["setup", "limit", "sent", "admitted", "over-admitted"])
        accuracyTable.add(["Junction, \(instances) instances on one Redis", "\(limit)", "\(accuracy.sent)", "\(accuracy.shared)", "\(accuracy.shared - limit)"])
        accuracyTable.add(["Junction, \(instances) instances each on its own store", "\(limit)", "\(accuracy.sent)", "\(accuracy.separate)", "\(accuracy.separate - limit)"])
        accuracyTable.add(["LiteLLM, 3 instances on Redis (its docs: syncs every 10 ms)", "-", "100 requests/s", "-", "about 10 (documented drift)"])
        accuracyTable.add(["LiteLLM without Redis (its docs)", "100 per minute", "-", "-", "400 (documented)"])
        #if DEBUG
        let build = "debug build (measure a release build: swift build -c release)"
        #else
        let build = "release build"
        #endif
        return """
            junction bench limits: \(build); \(MachineInfo.summary)
            limiter cost per call, \(calls) calls per operation, medians of \(rounds) rounds:
            \(table.render())
            accuracy: one key at \(limit) requests per minute, \(accuracy.sent) requests over \(connections) connections spread \
            over \(instances) instances (errors other than 429: \(accuracy.errors)):
            \(accuracyTable.render())
            """
    }

    private func config(upstream: String, redisURL: String?, key: String, dataDirectory: String) -> String {
        let store = redisURL.map { "{type: redis, url: \"\($0)\", fallback_to_embedded: false, namespace: bench-\(getpid())}" }
            ?? "{type: embedded, data_dir: \"\(dataDirectory)\"}"
        return """
            server: {host: 127.0.0.1}
            store: \(store)
            upstreams:
              - {name: fake, base_url: "\(upstream)/v1", models: [bench-model], retries: 0}
            router: null
            routing: {default: {action: forward, model: bench-model}}
            cache: {enabled: false}
            auth:
              required: true
              keys:
                - {key_sha256: "\(APIKey.hash(key))", tenant: bench, requests_per_minute: \(limit)}
            """
    }
}
