import ArgumentParser
import Foundation
import JunctionEncoder
import JunctionIndex
import JunctionRouter
import Synchronization

/// `junction bench route-quality`: routing accuracy on held-out data, the router as written
/// against `junction fit` with and without the expected no-route share.
struct BenchRouteQualityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route-quality",
        abstract: "Routing quality on held-out data: the router as written vs junction fit, told or not the no-route share.",
        discussion: """
            Each --set DIR holds router.yaml, fit.jsonl (to fit on) and test.jsonl (to score on), in
            Junction's formats. Default: the two authored sets, Tests/Fixtures/intents and
            Tests/Fixtures/support. scripts/bench/clinc_to_junction.py converts CLINC150's JSON
            (data_full.json) into such a folder. The share told to fit is the test file's own.
            Prints, per set and fit: accuracy on the test file, in-scope accuracy, no-route recall
            and precision, the method chosen and the fit's time (embedding excluded), with the CPU.
            """
    )

    @OptionGroup var encoderOptions: EncoderOptions

    @Option(name: .customLong("set"), help: "A folder with router.yaml, fit.jsonl and test.jsonl (repeatable).")
    var sets: [String] = []

    @Flag(inversion: .prefixedNo, help: "Also time a fit at CLINC150's shape (150 routes x 10 references, 3,100 examples).")
    var fitTime = true

    @Flag(help: "Only time the fit at CLINC150's shape (no sets).")
    var fitTimeOnly = false

    @Option(help: "Timed fits at CLINC150's shape; the median is printed.")
    var rounds = 3

    func validate() throws {
        if fitTimeOnly && !fitTime { throw ValidationError("--fit-time-only and --no-fit-time contradict each other") }
        if rounds < 1 { throw ValidationError("--rounds must be at least 1") }
    }

    func run() async throws {
        let encoder = try encoderOptions.loadEncoder()
        let folders = fitTimeOnly ? [] : sets.isEmpty ? try Self.defaultSets() : sets
        print("junction bench route-quality: \(encoder.modelName), CPU \(Self.cpuModel()), BLAS \(BLASCoreSelection.summary)")
        for folder in folders {
            print(try await measure(URL(fileURLWithPath: folder), encoder: encoder))
        }
        if fitTime { print(try Self.fitTimeAtCLINCShape(rounds: rounds)) }
    }

    /// Time of one fit with every method and --add-references at CLINC150's shape (150 routes × 10
    /// references, 3,000 in-scope + 100 out-of-scope examples, 384-d), on synthetic clustered unit
    /// vectors (the time does not depend on the texts), BLAS on one thread; median of `rounds`.
    static func fitTimeAtCLINCShape(rounds: Int) throws -> String {
        let routes = 150, dimension = 384
        var generator = SplitMix64(seed: 150)
        let centres = (0..<routes).map { _ in (0..<dimension).map { _ in Float.random(in: -1...1, using: &generator) } }
        func point(_ centre: [Float]?) -> [Float] {
            var v = (0..<dimension).map { _ in Float.random(in: -0.6...0.6, using: &generator) }
            if let centre { for j in 0..<dimension { v[j] += centre[j] } }
            return RouterFitting.unit(v)
        }
        var references: [Float] = [], referenceRoutes: [Int] = []
        for route in 0..<routes { for _ in 0..<10 { references += point(centres[route]); referenceRoutes.append(route) } }
        var examples: [Float] = [], labels: [Int] = []
        for i in 0..<3000 { examples += point(centres[i % routes]); labels.append(i % routes) }
        for _ in 0..<100 { examples += point(nil); labels.append(-1) }
        var options = RouteFitter.Options()
        options.noRouteShare = 0.18
        options.addReferences = true
        let threads = BLAS.threadCount
        BLAS.threadCount = 1
        defer { BLAS.threadCount = threads }
        var seconds: [Double] = [], cpu: [Double] = []
        for _ in 0..<rounds {
            let started = ContinuousClock.now, startedCPU = clock()
            _ = try RouteFitter(
                routeCount: routes, dimension: dimension, references: references, referenceRoutes: referenceRoutes,
                examples: examples, labels: labels, options: options
            ).fit()
            seconds.append((ContinuousClock.now - started).milliseconds / 1000)
            cpu.append(Double(clock() - startedCPU) / Double(CLOCKS_PER_SEC))
        }
        let each = zip(seconds, cpu).map { String(format: "%.1f (CPU %.1f)", $0, $1) }.joined(separator: ", ")
        return "\nfit time at CLINC150's shape (150 routes x 10 references, 3,100 examples, 384-d synthetic vectors; every method, "
            + "--add-references; BLAS 1 thread, so CPU time is one core's): median \(String(format: "%.1f", LatencySummary.median(seconds))) s wall, "
            + "\(String(format: "%.1f", LatencySummary.median(cpu))) s CPU, of \(rounds): \(each); load average \(Self.loadAverage())"
    }

    static func defaultSets() throws -> [String] {
        guard let root = ProjectPaths.scriptsFolder()?.deletingLastPathComponent() else {
            throw CLIError("cannot find the project's Tests/Fixtures: pass --set DIR")
        }
        return ["intents", "support"].map { root.appendingPathComponent("Tests/Fixtures/\($0)").path }
    }

    /// The rows of one set.
    func measure(_ folder: URL, encoder: SentenceEncoder) async throws -> String {
        let embedder = MemoEmbedder(encoder: encoder)
        let routerFile = folder.appendingPathComponent("router.yaml")
        let written = try RouterDefinition.load(from: routerFile)
        let router = try await SemanticRouter(definition: written, embedder: embedder)
        let fitData = try await embedder.labelled(folder.appendingPathComponent("fit.jsonl"), for: written)
        let testData = try await embedder.labelled(folder.appendingPathComponent("test.jsonl"), for: written)
        let testShare = Double(testData.examples.filter { $0.label == nil }.count) / Double(testData.examples.count)
        let fitShare = Double(fitData.examples.filter { $0.label == nil }.count) / Double(fitData.examples.count)
        var table = TextTable(header: ["router", "method", "test accuracy", "in-scope", "no-route recall", "no-route precision", "fit (s)"])
        func row(_ name: String, _ definition: RouterDefinition, seconds: Double?) async throws {
            let evaluated = try await SemanticRouter(definition: definition, embedder: embedder)
            let predictions = try testData.vectors.map { try evaluated.decide(vector: $0).match?.name }
            let evaluation = RouterEvaluation(labels: testData.examples.map(\.label), predictions: predictions, routeNames: definition.routes.map(\.name))
            func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
            table.add([
                name, definition.routingConfig.aggregationMethod.rawValue, percent(evaluation.accuracy), percent(evaluation.inScopeAccuracy),
                percent(evaluation.noRoute.recall), percent(evaluation.noRoute.precision), seconds.map { String(format: "%.1f", $0) } ?? "-",
            ])
        }
        try await row("as written", written, seconds: nil)
        let fits: [(String, [DistanceAggregation], Double?, Bool)] = [
            ("fit, data's share", DistanceAggregation.allCases, nil, true),
            ("fit --no-route-share, RedisVL methods", DistanceAggregation.redisVL, testShare, true),
            ("fit --no-route-share, all methods", DistanceAggregation.allCases, testShare, false),
            ("fit --no-route-share --add-references", DistanceAggregation.allCases, testShare, true),
        ]
        for (name, methods, share, adds) in fits {
            var options = RouteFitter.Options()
            options.methods = methods
            options.noRouteShare = share
            options.addReferences = adds
            Terminal.log("\(folder.lastPathComponent): \(name)")
            let started = ContinuousClock.now
            let fitted = try RouterFitting.fit(router, data: fitData, dimension: encoder.dimension, options: options)
            let seconds = (ContinuousClock.now - started).milliseconds / 1000
            try await row(name, fitted.definition, seconds: seconds)
        }
        let routes = written.routes.count, references = written.routes.map(\.references.count).reduce(0, +)
        return "\n\(folder.path): \(routes) routes, \(references) references; fit.jsonl \(fitData.examples.count) examples "
            + String(format: "(%.1f%% out of scope)", fitShare * 100) + ", test.jsonl \(testData.examples.count) "
            + String(format: "(%.1f%% out of scope, the share told to fit)", testShare * 100) + "\n" + table.render()
    }

    /// The 1-minute load average (the machine is shared: wall times depend on it).
    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").first.map(String.init) ?? "?"
    }

    /// `model name` of the first processor in /proc/cpuinfo.
    static func cpuModel() -> String {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let line = info.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line.flatMap { $0.split(separator: ":", maxSplits: 1).last }.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
    }
}

/// The encoder with a memory: texts embedded once (references, fitting and
/// test examples) are not embedded again when a fitted router is rebuilt.
final class MemoEmbedder: TextEmbedder {
    let encoder: SentenceEncoder
    private let cache = Mutex<[String: [Float]]>([:])

    init(encoder: SentenceEncoder) {
        self.encoder = encoder
    }

    var modelName: String { encoder.modelName }
    var dimension: Int { encoder.dimension }

    func vectors(for texts: [String]) async -> [[Float]] {
        let missing = cache.withLock { cache in Array(Set(texts.filter { cache[$0] == nil })) }
        if !missing.isEmpty {
            let embedded = await encoder.vectors(for: missing)
            cache.withLock { cache in for (text, vector) in zip(missing, embedded) { cache[text] = vector } }
        }
        return cache.withLock { cache in texts.map { cache[$0]! } }
    }

    /// A labelled file, embedded through the memory.
    func labelled(_ url: URL, for definition: RouterDefinition) async throws -> LabeledData {
        let examples = try LabeledExample.load(from: url)
        var vectors: [[Float]] = []
        for start in stride(from: 0, to: examples.count, by: 64) {
            vectors += await self.vectors(for: examples[start..<min(start + 64, examples.count)].map(\.text))
        }
        return LabeledData(examples: examples, vectors: vectors)
    }
}
