import ArgumentParser
import Foundation
import JunctionRouter

/// `junction eval`: accuracy of a router on labelled data.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure a router's accuracy on labelled examples.",
        discussion: """
            --data is JSON lines: {"text": ..., "label": route name or null}; null means the text must
            match no route. Reports accuracy, precision and recall per route and for "no route"
            (out-of-scope detection), and the most frequent confusions.
            """
    )

    @OptionGroup var routerOptions: RouterOptions

    @Option(help: "Labelled examples, one JSON object per line.")
    var data: String

    @Flag(help: "Print one JSON object instead of tables.")
    var json = false

    @Option(help: "Confusions to list.")
    var confusions = 10

    func run() async throws {
        let (evaluation, definition) = try await routerOptions.withRouter { router, embedder in
            let definition = router.definition
            let labelled = try await LabeledData.load(data, for: definition, embedder: embedder)
            let evaluation = RouterEvaluation(
                labels: labelled.examples.map(\.label), predictions: try labelled.predictions(by: router),
                routeNames: definition.routes.map(\.name)
            )
            return (evaluation, definition)
        }
        print(json ? try Self.json(evaluation, confusions: confusions) : Self.table(evaluation, routes: definition.routes.map(\.name), confusions: confusions))
    }

    static func json(_ evaluation: RouterEvaluation, confusions limit: Int) throws -> String {
        func score(_ s: RouterEvaluation.ClassScore) -> [String: Any] {
            ["precision": s.precision, "recall": s.recall, "f1": s.f1, "support": s.support]
        }
        let object: [String: Any] = [
            "examples": evaluation.total,
            "accuracy": evaluation.accuracy,
            "no_route_precision": evaluation.noRoute.precision,
            "no_route_recall": evaluation.noRoute.recall,
            "no_route_support": evaluation.noRoute.support,
            "per_route": evaluation.perRoute.mapValues(score),
            "confusions": evaluation.confusions(limit: limit).map {
                ["expected": $0.expected ?? NSNull(), "predicted": $0.predicted ?? NSNull(), "count": $0.count] as [String: Any]
            },
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func table(_ evaluation: RouterEvaluation, routes: [String], confusions limit: Int) -> String {
        func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
        var out = "accuracy \(percent(evaluation.accuracy)) (\(evaluation.correct)/\(evaluation.total))\n"
        out += "no route (out of scope): precision \(percent(evaluation.noRoute.precision)), recall \(percent(evaluation.noRoute.recall)), \(evaluation.noRoute.support) examples\n\n"
        var table = TextTable(header: ["route", "precision", "recall", "f1", "support"])
        for name in routes {
            let s = evaluation.perRoute[name] ?? RouterEvaluation.ClassScore()
            table.add([name, percent(s.precision), percent(s.recall), percent(s.f1), "\(s.support)"])
        }
        out += table.render() + "\n"
        let mistakes = evaluation.confusions(limit: limit)
        if !mistakes.isEmpty {
            var confusion = TextTable(header: ["expected", "predicted", "count"])
            for m in mistakes { confusion.add([m.expected ?? "(no route)", m.predicted ?? "(no route)", "\(m.count)"]) }
            out += "\nmost frequent confusions\n" + confusion.render() + "\n"
        }
        return out
    }
}
