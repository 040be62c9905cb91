import Foundation

/// One precision's accuracy figures against the fp32 encoder (`junction bench accuracy`).
struct AccuracySummary {
    var kernel: String
    /// Lowest and mean cosine between this precision's and fp32's vector of the same text, over every text.
    var lowestCosine: Double
    var meanCosine: Double
    /// Lowest cosine to sentence-transformers' vectors of the reference sentences.
    var lowestCosineToReference: Double
    /// Share of the routed texts (fit + test) whose decision (route or none) is fp32's.
    var identicalRoutes: Double
    var accuracyTest: Double
    var accuracyFit: Double
    /// Cache precision (nil without hits) and recall at `BenchAccuracyCommand.cacheThreshold`.
    var cachePrecision: Double?
    var cacheRecall: Double
    /// Largest change of cache precision or recall from fp32's at any threshold 0.05 ... 0.5.
    var largestCacheChange: Double

    init(_ outcome: PrecisionOutcome, baseline: PrecisionOutcome, sets: AccuracySets) {
        kernel = outcome.kernel
        let cosines = sets.allTexts.map { Self.cosine(outcome.vectors[$0]!, baseline.vectors[$0]!) }
        lowestCosine = cosines.min() ?? 1
        meanCosine = cosines.reduce(0, +) / Double(max(1, cosines.count))
        lowestCosineToReference = sets.reference.map { Self.cosine(outcome.vectors[$0.key]!, $0.value) }.min() ?? 1
        identicalRoutes = Double(zip(outcome.routes, baseline.routes).filter { $0 == $1 }.count) / Double(max(1, outcome.routes.count))
        let labels = sets.routed.map(\.label)
        func accuracy(_ range: Range<Int>) -> Double {
            Double(range.filter { outcome.routes[$0] == labels[$0] }.count) / Double(max(1, range.count))
        }
        accuracyFit = accuracy(0..<sets.fit.count)
        accuracyTest = accuracy(sets.fit.count..<labels.count)
        let row = outcome.cache.rows.first { abs($0.threshold - BenchAccuracyCommand.cacheThreshold) < 1e-9 }
        cachePrecision = row?.precision
        cacheRecall = row?.recall ?? 0
        largestCacheChange = zip(outcome.cache.rows, baseline.cache.rows).map { mine, theirs in
            max(abs((mine.precision ?? 0) - (theirs.precision ?? 0)), abs(mine.recall - theirs.recall))
        }.max() ?? 0
    }

    static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        var dot = 0.0, na = 0.0, nb = 0.0
        for (x, y) in zip(a, b) {
            dot += Double(x) * Double(y)
            na += Double(x) * Double(x)
            nb += Double(y) * Double(y)
        }
        return dot / (na.squareRoot() * nb.squareRoot())
    }

    var dictionary: [String: Any] {
        [
            "kernel": kernel, "lowest_cosine": lowestCosine, "mean_cosine": meanCosine,
            "lowest_cosine_to_reference": lowestCosineToReference, "identical_routes": identicalRoutes,
            "accuracy_test": accuracyTest, "accuracy_fit": accuracyFit, "cache_precision": cachePrecision ?? NSNull(),
            "cache_recall": cacheRecall, "largest_cache_change": largestCacheChange,
        ]
    }

    /// The table's rows: name and how to print the figure.
    static let rows: [(String, @Sendable (AccuracySummary) -> String)] = [
        ("lowest cosine to fp32", { String(format: "%.5f", $0.lowestCosine) }),
        ("mean cosine to fp32", { String(format: "%.6f", $0.meanCosine) }),
        ("lowest cosine to sentence-transformers", { String(format: "%.5f", $0.lowestCosineToReference) }),
        ("routing decisions identical to fp32", { percent($0.identicalRoutes) }),
        ("eval accuracy, test.jsonl", { percent($0.accuracyTest) }),
        ("eval accuracy, fit.jsonl", { percent($0.accuracyFit) }),
        ("cache precision at 0.1", { $0.cachePrecision.map(percent) ?? "-" }),
        ("cache recall at 0.1", { percent($0.cacheRecall) }),
        ("largest cache P/R change, 0.05-0.5", { percent($0.largestCacheChange) }),
    ]

    private static func percent(_ value: Double) -> String { String(format: "%.2f%%", value * 100) }
}
