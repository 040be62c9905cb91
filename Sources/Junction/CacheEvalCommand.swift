import ArgumentParser
import Foundation
import JunctionCache
import JunctionEncoder
import JunctionRedis

/// `junction cache eval --data pairs.jsonl`: precision, recall and hit rate per distance threshold, so users
/// can pick the cache's threshold from their own data.
struct CacheEvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Store each pair's `a`, look up its `b`, and print precision, recall and hit rate per threshold.",
        discussion: """
        Each line of the data file is {"a": text, "b": text, "duplicate": true|false}. A hit for `b` is correct \
        when the pair is a duplicate and the entry found is its own `a`; any other hit would serve a wrong answer. \
        precision = correct hits / hits, recall = correct hits / duplicate pairs, hit rate = hits / pairs. \
        Uses a fresh in-memory cache, or with --redis a temporary cache on that Redis, deleted afterwards.
        """
    )

    @Option(name: .long, help: "JSON Lines file of {\"a\", \"b\", \"duplicate\"} pairs.")
    var data: String

    @Option(name: .long, help: ArgumentHelp("Comma-separated thresholds (default: 0.05 to 0.5 by 0.05).", valueName: "list"))
    var thresholds: String?

    @Option(name: .long, help: ArgumentHelp("Evaluate on this Redis (a temporary cache in RedisVL's layout) instead of in memory.", valueName: "url"))
    var redis: String?

    @Flag(name: .long, help: "Print {\"thresholds\": [{\"threshold\", \"precision\", \"recall\", \"hit_rate\"}, ...]}.")
    var json = false

    @OptionGroup var encoderOptions: EncoderOptions

    func validate() throws {
        let values = try parsedThresholds()
        guard !values.isEmpty else { throw ValidationError("--thresholds: give at least one threshold") }
        if let redis {
            do { _ = try RedisConfiguration(url: redis) } catch { throw ValidationError("--redis: \(error.message)") }
        }
    }

    func parsedThresholds() throws -> [Double] {
        guard let thresholds else { return stride(from: 1, through: 10, by: 1).map { Double($0) * 0.05 } }
        return try thresholds.split(separator: ",").map { part in
            guard let value = Double(part.trimmingCharacters(in: .whitespaces)), (0...2).contains(value) else {
                throw ValidationError("--thresholds: '\(part)' is not a cosine distance between 0 and 2")
            }
            return value
        }.sorted()
    }

    func run() async throws {
        let pairs = try CachePair.load(data)
        let thresholds = try parsedThresholds()
        let encoder = try encoderOptions.loadEncoder()
        let texts = Array(Set(pairs.flatMap { [$0.a, $0.b] })).sorted()
        let progress = ProgressReporter(label: "embedding", minimumTotal: 200)
        var vectors: [String: [Float]] = [:]
        for start in stride(from: 0, to: texts.count, by: 64) {
            let batch = Array(texts[start..<min(start + 64, texts.count)])
            for (text, vector) in zip(batch, await encoder.vectors(for: batch)) { vectors[text] = vector }
            progress.report(vectors.count, of: texts.count)
        }
        let outcomes = try await withEvaluationCache(encoder) { cache in
            try await Self.outcomes(of: pairs, vectors: vectors, in: cache, largestThreshold: thresholds.last ?? 2)
        }
        let evaluation = CacheEvaluation(outcomes: outcomes, thresholds: thresholds)
        print(json ? evaluation.json : evaluation.table(pairs: pairs.count, source: data))
    }

    /// Stores every pair's `a` in `cache`, then looks up every `b`: the nearest hit within `largestThreshold`.
    static func outcomes(
        of pairs: [CachePair], vectors: [String: [Float]], in cache: any SemanticCache, largestThreshold: Double
    ) async throws -> [CacheEvaluation.Outcome] {
        for a in Set(pairs.map(\.a)) {
            try await cache.store(CacheWrite(prompt: a, response: a, vector: vectors[a]))
        }
        var outcomes: [CacheEvaluation.Outcome] = []
        for pair in pairs {
            let hit = try await cache.check(CacheLookup(vector: vectors[pair.b], distanceThreshold: largestThreshold)).first
            outcomes.append(.init(duplicate: pair.duplicate, distance: hit?.distance, ownEntry: hit?.prompt == pair.a))
        }
        return outcomes
    }

    /// A fresh cache: in memory, or a uniquely named one on Redis that is deleted afterwards.
    private func withEvaluationCache<T>(_ encoder: SentenceEncoder, _ body: (any SemanticCache) async throws -> T) async throws -> T {
        let configuration = CacheConfiguration(name: "junction-eval-\(UUID().uuidString.prefix(8).lowercased())", filterableFields: [])
        guard let redis else {
            return try await body(try EmbeddedSemanticCache.open(configuration: configuration, embedder: encoder, directory: nil))
        }
        let client = RedisClient(configuration: try RedisConfiguration(url: redis))
        do {
            try await client.connect()
            let cache = try await RedisSemanticCache.create(configuration: configuration, client: client, embedder: encoder, overwrite: false)
            do {
                let result = try await body(cache)
                try await cache.delete()
                await client.close()
                return result
            } catch {
                try? await cache.delete()
                throw error
            }
        } catch {
            await client.close()
            throw error
        }
    }
}
