import Foundation
import JunctionEncoder
import JunctionGuard
import JunctionJSON

/// Runs the guard over labelled data and formats the figures (for `guard eval` and `bench guard`).
enum GuardEvaluation {
    /// PII metrics of the guard's findings (at least `minScore`) over examples, over the 17 labelled types.
    static func pii(_ examples: [PIIExample], guard scanner: PromptGuard, minScore: Double) async -> PIIMetrics {
        var metrics = PIIMetrics(types: Set(EntityType.evaluated))
        for start in stride(from: 0, to: examples.count, by: 32) {
            let batch = Array(examples[start..<min(examples.count, start + 32)])
            let scan = await scanner.scan(batch.map(\.text))
            for (example, message) in zip(batch, scan.messages) {
                let findings = message.findings.filter { $0.score >= minScore }.map { (type: $0.type, span: $0.span) }
                metrics.add(findings: findings, labels: example.entities)
            }
        }
        return metrics
    }

    /// Jailbreak metrics per source (and `all`), scoring each prompt as the gateway would.
    static func jailbreak(_ examples: [JailbreakExample], guard scanner: PromptGuard, threshold: Double) async -> [(String, JailbreakMetrics)] {
        var scores: [Double] = []
        for start in stride(from: 0, to: examples.count, by: 32) {
            let batch = examples[start..<min(examples.count, start + 32)]
            scores += await scanner.scan(batch.map(\.text)).messages.map(\.attackScore)
        }
        return bySource(examples, scores: scores, threshold: threshold)
    }

    static func bySource(_ examples: [JailbreakExample], scores: [Double], threshold: Double) -> [(String, JailbreakMetrics)] {
        let sources = Set(examples.map(\.source)).sorted()
        var rows = sources.map { source in
            let picked = examples.indices.filter { examples[$0].source == source }
            return (source, JailbreakMetrics(scores: picked.map { scores[$0] }, labels: picked.map { examples[$0].isAttack }, threshold: threshold))
        }
        rows.append(("all", JailbreakMetrics(scores: scores, labels: examples.map(\.isAttack), threshold: threshold)))
        return rows
    }

    /// For each source: an attack head trained (as `guard train` does) on the other sources' training
    /// part, tested on every prompt of that source (first-window embeddings).
    static func leaveOneSourceOut(
        _ examples: [JailbreakExample], encoder: SentenceEncoder, log: (String) -> Void
    ) async -> [(String, JailbreakMetrics)] {
        log("embedding \(examples.count) prompts for leave-one-source-out")
        let vectors = await AttackHeadTrainer.embeddings(examples.map(\.text), encoder: encoder) { _ in }
        var rows: [(String, JailbreakMetrics)] = []
        for source in Set(examples.map(\.source)).sorted() {
            let train = examples.indices.filter { examples[$0].source != source && !examples[$0].isHeldOut }
            let test = examples.indices.filter { examples[$0].source == source }
            let head = AttackHeadTrainer().train(train.map { examples[$0] }, vectors: train.map { vectors[$0] }, modelName: encoder.modelName)
            let scores = test.map { head.score(vectors[$0]) }
            rows.append((source, JailbreakMetrics(scores: scores, labels: test.map { examples[$0].isAttack }, threshold: head.threshold)))
            log("left out \(source): done")
        }
        return rows
    }

    static func rounded(_ value: Double) -> PythonJSON.Value { .float((value * 10000).rounded() / 10000) }

    static func json(_ metrics: PIIMetrics, texts: Int) -> PythonJSON.Value {
        func counts(_ c: PIIMetrics.Counts) -> PythonJSON.Value {
            .object([("precision", rounded(c.precision)), ("recall", rounded(c.recall)), ("f1", rounded(c.f1)),
                     ("support", .integer(c.support)), ("tp", .integer(c.truePositives)), ("fp", .integer(c.falsePositives)),
                     ("fn", .integer(c.falseNegatives))])
        }
        return .object([
            ("texts", .integer(texts)),
            ("types", .object(metrics.byType.sorted { $0.key < $1.key }.map { ($0.key.rawValue, counts($0.value)) })),
            ("overall", counts(metrics.overall)),
        ])
    }

    static func json(_ rows: [(String, JailbreakMetrics)]) -> PythonJSON.Value {
        .object(rows.map { source, m in
            (source, .object([
                ("attacks", .integer(m.attacks)), ("benign", .integer(m.benign)), ("roc_auc", rounded(m.rocAUC)),
                ("tpr_at_1pct_fpr", rounded(m.tprAt1PercentFPR)), ("tpr_at_5pct_fpr", rounded(m.tprAt5PercentFPR)),
                ("threshold", rounded(m.threshold)), ("precision", rounded(m.precision)), ("recall", rounded(m.recall)),
                ("f1", rounded(m.f1)), ("fpr", rounded(m.falsePositiveRate)),
            ]))
        })
    }

    static func fixed(_ value: Double) -> String { String(format: "%.3f", value) }

    static func table(_ metrics: PIIMetrics, title: String) -> String {
        var table = TextTable(header: ["type", "support", "precision", "recall", "F1"])
        for (type, c) in metrics.byType.sorted(by: { $0.key < $1.key }) {
            table.add([type.rawValue, "\(c.support)", fixed(c.precision), fixed(c.recall), fixed(c.f1)])
        }
        let o = metrics.overall
        table.add(["overall (micro)", "\(o.support)", fixed(o.precision), fixed(o.recall), fixed(o.f1)])
        return title + "\n" + table.render()
    }

    static func table(_ rows: [(String, JailbreakMetrics)], title: String) -> String {
        var table = TextTable(header: ["source", "attacks", "benign", "ROC AUC", "TPR@1%FPR", "TPR@5%FPR", "P", "R", "F1", "FPR"])
        for (source, m) in rows {
            table.add([source, "\(m.attacks)", "\(m.benign)", fixed(m.rocAUC), fixed(m.tprAt1PercentFPR), fixed(m.tprAt5PercentFPR),
                       fixed(m.precision), fixed(m.recall), fixed(m.f1), fixed(m.falsePositiveRate)])
        }
        return title + "\n" + table.render()
    }
}
