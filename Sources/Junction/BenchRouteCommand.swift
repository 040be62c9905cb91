import ArgumentParser
import Foundation
import JunctionEncoder
import JunctionRedis
import JunctionRouter

/// `junction bench route`: routing latency, Junction's embedded index vs RedisVL on Redis.
struct BenchRouteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Routing latency: Junction (embedded index) vs RedisVL's SemanticRouter on Redis.",
        discussion: """
            Two routers, 3 routes x 5 references and 150 routes x 10 references, same model and queries
            on both sides. route(text) includes embedding the query; route(vector) does not. RedisVL runs on
            a Redis started by scripts/redis. With --redis, Junction's router on that same Redis is measured
            too (route(vector) on Redis), and pipelined PING throughput of one connection, Junction's client vs
            redis-py. Needs scripts/setup --bench. Figures are medians over --rounds.
            """
    )

    @OptionGroup var encoderOptions: EncoderOptions

    @Option(help: "Rounds of each side; the table shows the median round.")
    var rounds = 3

    @Option(help: "Times the query list is routed per round.")
    var iterations = 20

    @Flag(help: "Measure Junction only (no Redis, no Python peer).")
    var junctionOnly = false

    @Flag(help: "Also measure Junction's router and client on the same Redis as RedisVL.")
    var redis = false

    func validate() throws {
        guard rounds >= 1, iterations >= 1 else { throw ValidationError("--rounds and --iterations must be at least 1") }
        if redis && junctionOnly { throw ValidationError("--redis needs the peers: drop --junction-only") }
    }

    struct Figures {
        var text: LatencySummary
        var vector: LatencySummary
        /// route(vector) of Junction's router on Redis (only with --redis).
        var redisVector = LatencySummary(p50: .nan, p99: .nan)
    }

    func run() async throws {
        let encoder = try encoderOptions.loadEncoder()
        let modelDirectory = try encoderOptions.chosenModel().directory.path
        let peer = junctionOnly ? nil : try PythonPeer(script: "bench/route_peer.py")
        let server = junctionOnly ? nil : try RedisScript.start()
        defer { server?.stop() }
        let client = try await redisClient(server)
        var lines: [String] = []
        var table = TextTable(header: ["router", "metric", "Junction", junctionOnly ? "-" : "RedisVL", "Junction advantage"])
        for (label, definition) in [("3 x 5", Self.smallRouter()), ("150 x 10", Self.largeRouter())] {
            let progress = ProgressReporter(label: "embedding \(label) references")
            let router = try await SemanticRouter(definition: definition, embedder: encoder) { progress.report($0, of: $1) }
            var onRedis: RedisSemanticRouter?
            if let client {
                var named = definition
                named.name += "-junction"
                onRedis = try await RedisSemanticRouter.create(definition: named, client: client, embedder: encoder, overwrite: true)
            }
            var ours: [Figures] = [], theirs: [Figures] = []
            for round in 1...rounds {
                Terminal.log("\(label): round \(round)/\(rounds): Junction")
                ours.append(try await measure(router, onRedis: onRedis))
                if let peer, let redis = server {
                    Terminal.log("\(label): round \(round)/\(rounds): RedisVL")
                    let (output, name) = try runPeer(peer, redis: redis, definition: definition, model: modelDirectory)
                    theirs.append(output)
                    let line = "peer: \(name) on Redis at \(redis.url)"
                    if !lines.contains(line) { lines.append(line) }
                }
            }
            try? await onRedis?.delete()
            var rows: [(String, (Figures) -> Double, (Figures) -> Double)] = [
                ("route(text) p50 (ms)", { $0.text.p50 }, { $0.text.p50 }), ("route(text) p99 (ms)", { $0.text.p99 }, { $0.text.p99 }),
                ("route(vector) p50 (us)", { $0.vector.p50 * 1000 }, { $0.vector.p50 * 1000 }),
                ("route(vector) p99 (us)", { $0.vector.p99 * 1000 }, { $0.vector.p99 * 1000 }),
            ]
            if redis {
                rows += [
                    ("route(vector) on Redis p50 (us)", { $0.redisVector.p50 * 1000 }, { $0.vector.p50 * 1000 }),
                    ("route(vector) on Redis p99 (us)", { $0.redisVector.p99 * 1000 }, { $0.vector.p99 * 1000 }),
                ]
            }
            for (name, value, peerMetric) in rows {
                let mine = LatencySummary.median(ours.map(value))
                let peerValue = theirs.isEmpty ? Double.nan : LatencySummary.median(theirs.map(peerMetric))
                table.add([label, name, BenchEmbedCommand.format(mine), BenchEmbedCommand.format(peerValue),
                           theirs.isEmpty ? "-" : String(format: "%.1fx", peerValue / mine)])
            }
        }
        if let client, let server {
            let (mine, theirs, name) = try await pipelineThroughput(client, server: server)
            table.add(["1 connection", "pipelined PING (commands/s)", String(format: "%.0f", mine), String(format: "%.0f", theirs),
                       String(format: "%.1fx", mine / theirs)])
            lines.append("throughput peer: \(name), 100,000 PING in pipelines of 1,000")
        }
        await client?.close()
        print("junction bench route: \(encoder.modelName), \(Self.queries.count) queries x \(iterations) per round, \(rounds) rounds, medians, 1 thread")
        print("Junction: embedded exact index, BLAS \(BLASCoreSelection.summary), kernels \(SentenceEncoder.kernelName)")
        lines.forEach { print($0) }
        print(table.render())
    }

    /// A one-connection client of the benchmark's Redis, with --redis.
    private func redisClient(_ server: RedisScript?) async throws -> RedisClient? {
        guard redis, let server else { return nil }
        var configuration = try RedisConfiguration(url: server.url)
        configuration.poolSize = 1
        let client = RedisClient(configuration: configuration)
        try await client.connect()
        return client
    }

    /// PING throughput in pipelines of 1,000 on one connection: Junction's client, then redis-py's.
    private func pipelineThroughput(_ client: RedisClient, server: RedisScript) async throws -> (Double, Double, String) {
        let batch = [[RESPCommandArgument]](repeating: ["PING"], count: 1000)
        _ = try await client.pipeline(batch)
        var rates: [Double] = []
        for _ in 0..<3 {
            let start = ContinuousClock.now
            for _ in 0..<100 { _ = try await client.pipeline(batch) }
            rates.append(100_000 / ((ContinuousClock.now - start).milliseconds / 1000))
        }
        let peer = try PythonPeer(script: "bench/redis_peer.py")
        let output = try peer.run(["--redis-url", server.url, "--count", "100000", "--pipeline", "1000"])
        guard let object = try? JSONSerialization.jsonObject(with: output) as? [String: Any], let theirs = object["per_s"] as? Double else {
            throw CLIError("redis_peer.py printed no result: \(String(decoding: output, as: UTF8.self).prefix(300))")
        }
        return (LatencySummary.median(rates), theirs, object["peer"] as? String ?? "redis-py")
    }

    private func measure(_ router: SemanticRouter, onRedis: RedisSemanticRouter? = nil) async throws -> Figures {
        let vectors = try await Self.queries.asyncMap { try await router.queryVector($0) }
        for query in Self.queries { _ = try await router.route(query) }
        var text: [Double] = [], vector: [Double] = []
        for _ in 0..<iterations {
            for query in Self.queries {
                let start = ContinuousClock.now
                _ = try await router.route(query)
                text.append((ContinuousClock.now - start).milliseconds)
            }
            for query in vectors {
                let start = ContinuousClock.now
                _ = try router.route(vector: query)
                vector.append((ContinuousClock.now - start).milliseconds)
            }
        }
        var figures = Figures(text: LatencySummary(samples: text), vector: LatencySummary(samples: vector))
        if let onRedis {
            var samples: [Double] = []
            for query in vectors { _ = try await onRedis.route(vector: query) }
            for _ in 0..<iterations {
                for query in vectors {
                    let start = ContinuousClock.now
                    _ = try await onRedis.route(vector: query)
                    samples.append((ContinuousClock.now - start).milliseconds)
                }
            }
            figures.redisVector = LatencySummary(samples: samples)
        }
        return figures
    }

    private func runPeer(_ peer: PythonPeer, redis: RedisScript, definition: RouterDefinition, model: String) throws -> (Figures, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("junction-bench-route-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let routes = folder.appendingPathComponent("routes.json"), queries = folder.appendingPathComponent("queries.json")
        try definition.json().write(to: routes)
        try JSONSerialization.data(withJSONObject: Self.queries).write(to: queries)
        let output = try peer.run([
            "--redis-url", redis.url, "--model", model, "--routes-file", routes.path,
            "--queries-file", queries.path, "--iterations", "\(iterations)",
        ])
        guard let object = try? JSONSerialization.jsonObject(with: output) as? [String: Any],
              let text = object["route_text"] as? [String: Double], let vector = object["route_vector"] as? [String: Double]
        else { throw CLIError("route_peer.py printed no result: \(String(decoding: output, as: UTF8.self).prefix(300))") }
        return (
            Figures(text: LatencySummary(p50: text["p50_ms"] ?? .nan, p99: text["p99_ms"] ?? .nan),
                    vector: LatencySummary(p50: vector["p50_ms"] ?? .nan, p99: vector["p99_ms"] ?? .nan)),
            object["peer"] as? String ?? "RedisVL"
        )
    }

    static let queries = [
        "what's the latest on the new phone release", "who won the match yesterday", "recommend a good movie for tonight",
        "how do I reset my password", "is it going to rain this weekend", "tell me about the playoffs",
        "any new streaming shows worth watching", "explain how transformers work in machine learning",
        "book me a table for two", "what is the capital of Australia",
    ]

    /// RedisVL's user-guide topic router: 3 routes x 5 references.
    static func smallRouter() -> RouterDefinition {
        RouterDefinition(name: "bench-small", routes: [
            Route(name: "technology", references: [
                "what are the latest advancements in AI?", "tell me about the newest gadgets",
                "what's trending in tech?", "explain how neural networks learn", "which smartphone has the best camera",
            ], distanceThreshold: 0.71),
            Route(name: "sports", references: [
                "who won the game last night?", "tell me about the upcoming sports events",
                "what's the latest in the world of sports?", "who is leading the league table", "highlights of the championship final",
            ], distanceThreshold: 0.72),
            Route(name: "entertainment", references: [
                "what are the top movies right now?", "who won the best actor award?",
                "what's new in the entertainment industry?", "recommend a series to binge watch", "upcoming concerts this month",
            ], distanceThreshold: 0.7),
        ], vectorizer: VectorizerDescription(model: ProjectPaths.defaultModelName))
    }

    /// 150 routes x 10 references, varied texts built from topic and phrasing lists.
    static func largeRouter() -> RouterDefinition {
        let subjects = ["invoices", "flights", "passwords", "recipes", "weather", "playlists", "insurance", "taxes", "laptops", "gardening",
                        "mortgages", "vaccines", "hotels", "concerts", "running shoes"]
        let aspects = ["pricing", "problems", "recommendations", "deadlines", "comparisons", "history", "safety", "setup", "returns", "news"]
        let phrasings = [
            "can you help me with %@ %@", "I have a question about %@ %@", "what should I know about %@ %@",
            "tell me more about %@ %@", "I need advice on %@ %@", "explain %@ %@ to me", "where can I find info on %@ %@",
            "is there an update on %@ %@", "quick question regarding %@ %@", "what are the best tips for %@ %@",
        ]
        var routes: [Route] = []
        for subject in subjects {
            for aspect in aspects {
                let references = phrasings.map { String(format: $0, subject, aspect) }
                routes.append(Route(name: "\(subject)-\(aspect)".replacingOccurrences(of: " ", with: "_"), references: references, distanceThreshold: 0.5))
            }
        }
        return RouterDefinition(name: "bench-large", routes: routes, vectorizer: VectorizerDescription(model: ProjectPaths.defaultModelName))
    }
}

extension Array {
    /// `map` with an async transform, in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        results.reserveCapacity(count)
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
