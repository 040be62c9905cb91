import Foundation

/// Precision, recall and hit rate of a cache at each threshold, from each pair's nearest hit.
struct CacheEvaluation {
    struct Outcome {
        /// The pair is a duplicate (its `a`'s answer is right for `b`).
        var duplicate: Bool
        /// Distance of the nearest entry found for `b` within the largest threshold, nil when none.
        var distance: Double?
        /// The entry found is the pair's own `a`.
        var ownEntry: Bool
    }

    struct Row {
        var threshold: Double
        var hits: Int
        var correct: Int
        var precision: Double?
        var recall: Double
        var hitRate: Double
        var f1: Double { guard let precision, precision + recall > 0 else { return 0 }; return 2 * precision * recall / (precision + recall) }
    }

    let rows: [Row]

    init(outcomes: [Outcome], thresholds: [Double]) {
        let duplicates = outcomes.filter(\.duplicate).count
        rows = thresholds.map { threshold in
            let hits = outcomes.filter { ($0.distance ?? .infinity) <= threshold }
            let correct = hits.filter { $0.duplicate && $0.ownEntry }.count
            return Row(
                threshold: threshold, hits: hits.count, correct: correct,
                precision: hits.isEmpty ? nil : Double(correct) / Double(hits.count),
                recall: Double(correct) / Double(max(1, duplicates)),
                hitRate: Double(hits.count) / Double(max(1, outcomes.count))
            )
        }
    }

    var json: String {
        let items = rows.map { row in
            "{\"threshold\": \(row.threshold), \"precision\": \(row.precision.map { "\($0)" } ?? "null"), \"recall\": \(row.recall), \"hit_rate\": \(row.hitRate)}"
        }
        return "{\"thresholds\": [" + items.joined(separator: ", ") + "]}"
    }

    func table(pairs: Int, source: String) -> String {
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "-" }
        var table = TextTable(header: ["threshold", "precision", "recall", "hit rate", "hits"])
        for row in rows {
            table.add([String(format: "%.2f", row.threshold), percent(row.precision), percent(row.recall), percent(row.hitRate), "\(row.hits)"])
        }
        var lines = ["junction cache eval: \(pairs) pairs from \(source)", table.render()]
        if let best = rows.max(by: { $0.f1 < $1.f1 }), best.f1 > 0 {
            lines.append("best F1 at threshold \(String(format: "%.2f", best.threshold)): precision \(percent(best.precision)), recall \(percent(best.recall))")
        }
        if let safe = rows.last(where: { ($0.precision ?? 0) >= 0.95 }) {
            lines.append("largest threshold with precision >= 95%: \(String(format: "%.2f", safe.threshold)) (recall \(percent(safe.recall)))")
        }
        return lines.joined(separator: "\n")
    }
}
