import ArgumentParser
import Foundation
import JunctionRedis
import JunctionSessions

/// `junction bench sessions`: what one session turn costs the gateway: reading the history it puts in
/// front of a message and appending the turn, on Redis (RedisVL's layout) and in process.
struct BenchSessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "Per-turn cost of sessions (read the history, append the turn) on Redis and in process.",
        discussion: """
            Each turn reads the last --history messages of its session and appends two messages (the user's \
            and the answer) with a TTL, as `junction serve` does in append mode, over --sessions sessions \
            taken in turn; p50/p99 per turn, medians over --rounds. Redis is started by scripts/redis on loopback.
            """
    )

    @Option(help: "Turns per round.")
    var turns = 5_000

    @Option(help: "Sessions the turns are spread over.")
    var sessions = 100

    @Option(help: "Messages of history read per turn.")
    var history = 20

    @Option(help: "Rounds; the table shows medians.")
    var rounds = 3

    func validate() throws {
        guard turns >= 10, sessions >= 1, history >= 0, rounds >= 1 else {
            throw ValidationError("--turns must be at least 10, --sessions and --rounds at least 1, --history at least 0")
        }
    }

    func run() async throws {
        Terminal.log("starting Redis (scripts/redis)")
        let redis = try RedisScript.start()
        defer { redis.stop() }
        let client = RedisClient(configuration: try RedisConfiguration(url: redis.url))
        do {
            try await client.connect()
            let redisStore = try await RedisSessionStore.open(client: client, name: "bench_sessions_\(getpid())", namespace: "bench")
            var rows: [(String, [LatencySummary])] = []
            for (name, store) in [("in process", try EmbeddedSessionStore(directory: nil) as any SessionStore), ("Redis, loopback", redisStore as any SessionStore)] {
                var summaries: [LatencySummary] = []
                for round in 1...rounds {
                    Terminal.log("\(name): round \(round)/\(rounds), \(turns) turns")
                    summaries.append(try await measure(store, round: round))
                }
                rows.append((name, summaries))
            }
            try await redisStore.drop()
            await client.close()
            var table = TextTable(header: ["store", "turn p50 (µs)", "turn p99 (µs)"])
            for (name, summaries) in rows {
                table.add([name, String(format: "%.1f", LatencySummary.median(summaries.map(\.p50)) * 1000), String(format: "%.1f", LatencySummary.median(summaries.map(\.p99)) * 1000)])
            }
            #if DEBUG
            let build = "debug build (measure a release build: swift build -c release)"
            #else
            let build = "release build"
            #endif
            print("""
                junction bench sessions: \(build); \(MachineInfo.summary)
                one turn = read the last \(history) messages + append 2 messages with a TTL; \(turns) turns over \(sessions) sessions, medians of \(rounds) rounds
                \(table.render())
                """)
        } catch {
            await client.close()
            throw error
        }
    }

    private func measure(_ store: any SessionStore, round: Int) async throws -> LatencySummary {
        var samples: [Double] = []
        samples.reserveCapacity(turns)
        for turn in 0..<turns {
            let session = "bench-\(round)-\(turn % sessions)"
            let started = ContinuousClock.now
            _ = try await store.messages(session: session, limit: history)
            try await store.append([
                SessionMessage(session: session, role: "user", content: "question \(turn): what should I pack for a week in Lisbon?"),
                SessionMessage(session: session, role: "assistant", content: "Light layers, a rain jacket and comfortable shoes."),
            ], session: session, ttl: 3600)
            samples.append((ContinuousClock.now - started).milliseconds)
        }
        return LatencySummary(samples: samples)
    }
}
