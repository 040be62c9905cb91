import ArgumentParser
import Foundation
import JunctionCache
import JunctionEncoder
import JunctionRouter

/// `junction bench accuracy`: what each reduced precision changes against the single-precision encoder, on
/// the committed fixtures and the project's labelled sets (the bounds `docs/encoder.md` documents).
struct BenchAccuracyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accuracy",
        abstract: "Accuracy of bf16 and int8 against fp32: cosines, routing decisions, eval accuracy, cache precision/recall.",
        discussion: """
        Embeds the 60 reference sentences (../shared/fixtures/minilm), the intent router's references and its fit \
        and test sets (Tests/Fixtures/intents) and the cache pairs (Tests/Fixtures/cache) with each precision, then \
        reports the lowest and mean cosine to the fp32 vector of the same text, the share of routing decisions \
        (fit + test) identical to fp32's, eval accuracy on test and fit, and cache precision/recall.
        """
    )

    @OptionGroup var encoderOptions: EncoderOptions

    @Option(help: "The folder with intents/ and cache/ (default: the project's Tests/Fixtures).")
    var fixtures: String?

    @Option(help: "sentence-transformers reference vectors (default: ../shared/fixtures/minilm/reference.json).")
    var reference: String?

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    /// The cache's distance threshold whose precision/recall is reported (RedisVL's default).
    static let cacheThreshold = 0.1

    func run() async throws {
        let sets = try AccuracySets(fixtures: fixtures, reference: reference)
        var results: [EncoderPrecision: PrecisionOutcome] = [:]
        for precision in EncoderPrecision.allCases {
            Terminal.log("\(precision.rawValue): embedding \(sets.allTexts.count) texts")
            results[precision] = try await measure(precision, sets)
        }
        let baseline = results[.fp32]!
        var summaries: [EncoderPrecision: AccuracySummary] = [:]
        for precision in EncoderPrecision.allCases {
            summaries[precision] = AccuracySummary(results[precision]!, baseline: baseline, sets: sets)
        }
        print(json ? try Self.json(summaries) : table(summaries, sets: sets))
    }

    private func measure(_ precision: EncoderPrecision, _ sets: AccuracySets) async throws -> PrecisionOutcome {
        let encoder = try encoderOptions.loadEncoder(precision: precision)
        var vectors: [String: [Float]] = [:]
        let texts = sets.allTexts
        for start in stride(from: 0, to: texts.count, by: 64) {
            let batch = Array(texts[start..<min(start + 64, texts.count)])
            for (text, embedding) in zip(batch, encoder.encode(batch)) { vectors[text] = embedding.vector }
        }
        let definition = try RouterDefinition.load(from: URL(fileURLWithPath: sets.routerFile))
        let router = try await RouterOptions.loadEmbedded(definition, file: sets.routerFile, dataDir: nil, embedder: encoder)
        let routes = try sets.routed.map { try router.route(vector: vectors[$0.text]!)?.name }
        let cache = try await EmbeddedSemanticCache.open(
            configuration: CacheConfiguration(name: "junction-accuracy", filterableFields: []), embedder: encoder, directory: nil
        )
        let outcomes = try await CacheEvalCommand.outcomes(of: sets.pairs, vectors: vectors, in: cache, largestThreshold: 0.5)
        let thresholds = stride(from: 1, through: 10, by: 1).map { Double($0) * 0.05 }
        return PrecisionOutcome(
            kernel: encoder.kernelDescription, vectors: vectors, routes: routes,
            cache: CacheEvaluation(outcomes: outcomes, thresholds: thresholds)
        )
    }

    static func json(_ summaries: [EncoderPrecision: AccuracySummary]) throws -> String {
        var object: [String: Any] = [:]
        for (precision, summary) in summaries { object[precision.rawValue] = summary.dictionary }
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    private func table(_ summaries: [EncoderPrecision: AccuracySummary], sets: AccuracySets) -> String {
        let precisions = EncoderPrecision.allCases
        var table = TextTable(header: ["metric"] + precisions.map(\.rawValue))
        for (name, value) in AccuracySummary.rows {
            table.add([name] + precisions.map { value(summaries[$0]!) })
        }
        var header = "junction bench accuracy: \(sets.allTexts.count) distinct texts (\(sets.referenceCount) reference sentences, "
        header += "\(sets.routed.count) routed: fit + test, \(sets.pairs.count) cache pairs); cache threshold \(Self.cacheThreshold)\n"
        header += "\(MachineInfo.summary); kernels: " + precisions.map { summaries[$0]!.kernel }.joined(separator: ", ") + "\n"
        return header + table.render()
    }
}

/// What one precision produced: a vector per text, a decision per routed text, the cache evaluation.
struct PrecisionOutcome {
    var kernel: String
    var vectors: [String: [Float]]
    var routes: [String?]
    var cache: CacheEvaluation
}
