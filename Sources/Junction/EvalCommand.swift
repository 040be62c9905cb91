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

            --conversations is JSON lines of labelled conversations: {"id", "kind", "turns": [{"text",             "label"}]}; reports per-turn accuracy and route switches for routing by the last message, by the             last --turns turns as one text, and conversation-aware (turns weighted --decay^age, stickiness             --margin), as a session in the gateway can be routed (docs/sessions.md).
            """
    )

    @OptionGroup var routerOptions: RouterOptions

    @Option(help: "Labelled examples, one JSON object per line.")
    var data: String?

    @Option(help: "Labelled multi-turn conversations, one JSON object per line (instead of --data).")
    var conversations: String?

    @Option(help: "With --conversations: the user turns the last-turns and conversation-aware modes read.")
    var turns = 3

    @Option(help: "With --conversations: the weight of each older turn relative to the next.")
    var decay = 0.7

    @Option(help: "With --conversations: the stickiness margin (cosine distance) of the conversation-aware mode.")
    var margin = 0.05

    @Flag(help: "Print one JSON object instead of tables.")
    var json = false

    @Option(help: "Confusions to list.")
    var confusions = 10

    func validate() throws {
        guard (data == nil) != (conversations == nil) else { throw ValidationError("give --data or --conversations (one of them)") }
        guard turns >= 1, (0...1).contains(decay), (0...2).contains(margin) else {
            throw ValidationError("--turns must be at least 1, --decay between 0 and 1, --margin between 0 and 2")
        }
    }

    func run() async throws {
        let (router, encoder) = try await routerOptions.load()
        let definition = router.definition
        if let conversations {
            let loaded = try ConversationEval.load(conversations, routes: Set(definition.routes.map(\.name)))
            print(try await ConversationEval(turns: turns, decay: decay, margin: margin).run(loaded, router: router, embedder: encoder, json: json))
            return
        }
        guard let data else { return }
        let labelled = try LabeledData.load(data, for: definition, encoder: encoder)
        let evaluation = RouterEvaluation(
            labels: labelled.examples.map(\.label), predictions: try labelled.predictions(by: router),
            routeNames: definition.routes.map(\.name)
        )
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
