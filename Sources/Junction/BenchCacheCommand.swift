import ArgumentParser
import Foundation
import JunctionCache
import JunctionEncoder
import JunctionIndex

/// `junction bench cache`: lookup latency and recall of the semantic cache at 10k, 100k and 1M entries
/// embedded, and at 10k on Redis, side by side with RedisVL's SemanticCache on the same Redis.
struct BenchCacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Semantic cache lookups: Junction embedded (10k, 100k, 1M entries) and on Redis vs RedisVL.",
        discussion: """
            Entries are synthetic vectors around real MiniLM embeddings of the project's corpora (see \
            docs/cache.md). check(vector) looks up paraphrases of stored entries (cosine distance about 0.02, a \
            hit under the default threshold 0.1); check(text) embeds held-out sentences first. recall@1 compares \
            the approximate index's nearest hit with an exhaustive scan: for the paraphrases (the lookups that \
            matter to a cache) and for held-out sentences' nearest entry at any distance. Redis (10k) runs on a \
            Redis started by scripts/redis, with RedisVL 0.28 on the same server. Needs scripts/setup --bench \
            for the peer. Figures are medians over --rounds.
            """
    )

    @OptionGroup var encoderOptions: EncoderOptions

    @Option(help: ArgumentHelp("Comma-separated embedded cache sizes.", valueName: "list"))
    var sizes = "10000,100000,1000000"

    @Option(help: "Lookups per round and kind.")
    var queries = 300

    @Option(help: "Rounds; the table shows the median round.")
    var rounds = 3

    @Option(help: "Lists the approximate index scans per lookup (default: the index's).")
    var probes: Int?

    @Flag(help: "Measure the embedded cache only (no Redis, no Python peer).")
    var junctionOnly = false

    func validate() throws {
        guard rounds >= 1, queries >= 10 else { throw ValidationError("--rounds must be at least 1 and --queries at least 10") }
        let parsed = try parsedSizes()
        guard !parsed.isEmpty else { throw ValidationError("--sizes: give at least one size") }
        if let probes, probes < 1 { throw ValidationError("--probes must be at least 1") }
    }

    func parsedSizes() throws -> [Int] {
        try sizes.split(separator: ",").map { part in
            guard let size = Int(part.replacingOccurrences(of: "_", with: "")), size >= 100 else {
                throw ValidationError("--sizes: '\(part)' is not a size of at least 100")
            }
            return size
        }
    }

    func run() async throws {
        let encoder = try encoderOptions.loadEncoder()
        let data = try await CacheBenchData.load(encoder)
        var table = TextTable(header: ["cache", "metric", "Junction", junctionOnly ? "-" : "RedisVL (10k, Redis)", "Junction advantage"])
        var peerFigures: CacheBenchFigures?
        var lines: [String] = []
        if !junctionOnly {
            let redis = try CacheBenchRedis(encoder: encoder, data: data, queries: queries, rounds: rounds)
            let (ours, theirs, peerName) = try await redis.run()
            peerFigures = theirs
            lines.append("peer: \(peerName) on Redis at \(redis.url), 10,000 entries")
            add(ours, label: "Redis 10k", to: &table, peer: theirs)
        }
        var index = IVFConfiguration()
        if let probes { index.probes = probes }
        for size in try parsedSizes() {
            let figures = try await measureEmbedded(size: size, encoder: encoder, data: data, index: index)
            add(figures, label: "embedded \(Self.count(size))", to: &table, peer: peerFigures)
        }
        print("junction bench cache: \(encoder.modelName), \(queries) lookups per kind and round, \(rounds) rounds, medians, 1 thread")
        print("Junction: IVF index, \(index.probes) probes, single-precision re-scoring; kernels \(SentenceEncoder.kernelName)")
        lines.forEach { print($0) }
        print(table.render())
    }

    private func add(_ figures: CacheBenchFigures, label: String, to table: inout TextTable, peer: CacheBenchFigures?) {
        func ratio(_ mine: Double, _ theirs: Double?) -> String {
            guard let theirs, theirs.isFinite, mine > 0 else { return "-" }
            return String(format: "%.1fx", theirs / mine)
        }
        let format = BenchEmbedCommand.format
        table.add([label, "check(vector) p50 (us)", format(figures.vector.p50 * 1000), peer.map { format($0.vector.p50 * 1000) } ?? "-", ratio(figures.vector.p50, peer?.vector.p50)])
        table.add([label, "check(vector) p99 (us)", format(figures.vector.p99 * 1000), peer.map { format($0.vector.p99 * 1000) } ?? "-", ratio(figures.vector.p99, peer?.vector.p99)])
        table.add([label, "check(text) p50 (ms)", format(figures.text.p50), peer.map { format($0.text.p50) } ?? "-", ratio(figures.text.p50, peer?.text.p50)])
        table.add([label, "check(text) p99 (ms)", format(figures.text.p99), peer.map { format($0.text.p99) } ?? "-", ratio(figures.text.p99, peer?.text.p99)])
        if let recall = figures.paraphraseRecall {
            table.add([label, "recall@1, paraphrases", String(format: "%.4f", recall), "-", "-"])
        }
        if let recall = figures.nearestRecall {
            table.add([label, "recall@1, nearest at any distance", String(format: "%.4f", recall), "-", "-"])
        }
        if let seconds = figures.buildSeconds {
            table.add([label, "fill time (s)", String(format: "%.1f", seconds), "-", "-"])
        }
        if let megabytes = figures.residentMegabytes {
            table.add([label, "resident memory after fill (MB)", String(format: "%.0f", megabytes), "-", "-"])
        }
    }

    private func measureEmbedded(size: Int, encoder: SentenceEncoder, data: CacheBenchData, index: IVFConfiguration) async throws -> CacheBenchFigures {
        let label = "embedded \(Self.count(size))"
        let cache = try EmbeddedSemanticCache.open(configuration: CacheConfiguration(filterableFields: []), embedder: encoder, directory: nil, index: index)
        let progress = ProgressReporter(label: "\(label): storing", minimumTotal: 1_000)
        let started = ContinuousClock.now
        for i in 0..<size {
            try await cache.store(CacheWrite(prompt: "entry \(i)", response: "answer \(i)", vector: data.entry(i)))
            if i % 5_000 == 4_999 || i == size - 1 { progress.report(i + 1, of: size) }
        }
        let buildSeconds = (ContinuousClock.now - started).milliseconds / 1000
        let resident = Self.residentMegabytes()
        var random = SplitMix64(seed: UInt64(size))
        let targets = (0..<queries).map { _ in Int(random.next() % UInt64(size)) }
        let paraphrases = targets.enumerated().map { data.paraphrase(of: data.entry($0.element), seed: $0.offset) }
        let texts = (0..<queries).map { data.queryTexts[$0 % data.queryTexts.count] }

        var found = 0, nearest = 0
        for vector in paraphrases {
            let approximate = try await cache.check(CacheLookup(vector: vector)).first?.entryID
            let exact = try await cache.exhaustiveCheck(CacheLookup(vector: vector)).first?.entryID
            if approximate == exact { found += 1 }
        }
        let nearestQueries = data.queryVectors.prefix(queries)
        for vector in nearestQueries {
            let approximate = try await cache.check(CacheLookup(vector: vector, distanceThreshold: 2)).first?.entryID
            let exact = try await cache.exhaustiveCheck(CacheLookup(vector: vector, distanceThreshold: 2)).first?.entryID
            if approximate == exact { nearest += 1 }
        }

        var rounds: [CacheBenchFigures] = []
        for round in 1...self.rounds {
            Terminal.log("\(label): round \(round)/\(self.rounds)")
            rounds.append(CacheBenchFigures(
                vector: try await Self.time(paraphrases) { _ = try await cache.check(CacheLookup(vector: $0)) },
                text: try await Self.time(texts) { _ = try await cache.check(CacheLookup(prompt: $0)) }
            ))
        }
        var figures = CacheBenchFigures.median(rounds)
        figures.paraphraseRecall = Double(found) / Double(paraphrases.count)
        figures.nearestRecall = Double(nearest) / Double(nearestQueries.count)
        figures.buildSeconds = buildSeconds
        figures.residentMegabytes = resident
        try await cache.delete()
        return figures
    }

    /// Latency of `body` over `inputs` (after one warm-up pass), in milliseconds.
    static func time<T>(_ inputs: [T], _ body: (T) async throws -> Void) async throws -> LatencySummary {
        for input in inputs.prefix(20) { try await body(input) }
        var samples: [Double] = []
        samples.reserveCapacity(inputs.count)
        for input in inputs {
            let start = ContinuousClock.now
            try await body(input)
            samples.append((ContinuousClock.now - start).milliseconds)
        }
        return LatencySummary(samples: samples)
    }

    static func count(_ size: Int) -> String {
        size >= 1_000_000 && size % 1_000_000 == 0 ? "\(size / 1_000_000)M" : size >= 1_000 && size % 1_000 == 0 ? "\(size / 1_000)k" : "\(size)"
    }

    /// This process's resident set now (Linux /proc/self/statm), in MB.
    static func residentMegabytes() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return nil }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }
}

/// One side's figures in `junction bench cache`.
struct CacheBenchFigures {
    var vector: LatencySummary
    var text: LatencySummary
    var paraphraseRecall: Double?
    var nearestRecall: Double?
    var buildSeconds: Double?
    var residentMegabytes: Double?

    /// The median of each latency over rounds.
    static func median(_ rounds: [CacheBenchFigures]) -> CacheBenchFigures {
        CacheBenchFigures(
            vector: LatencySummary(p50: LatencySummary.median(rounds.map(\.vector.p50)), p99: LatencySummary.median(rounds.map(\.vector.p99))),
            text: LatencySummary(p50: LatencySummary.median(rounds.map(\.text.p50)), p99: LatencySummary.median(rounds.map(\.text.p99)))
        )
    }
}
