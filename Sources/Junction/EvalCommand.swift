import ArgumentParser
import Foundation
import JunctionRouter

/// `junction eval`: accuracy of a router on labelled data, at the data's mix and at an expected one,
/// or on labelled conversations.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure a router's accuracy on labelled examples.",
        discussion: """
            --data is JSON lines: {"text": ..., "label": route name or null}; null means the text must
            match no route. Reports accuracy at the data's own mix and, with --no-route-share P, the
            accuracy expected on traffic where a share P should match no route; in-scope accuracy,
            no-route precision and recall, precision and recall per route, the most frequent confusions,
            how well the confidence is calibrated, and with --curve the accuracy as every threshold moves.

            --conversations is JSON lines of labelled conversations: {"id", "kind", "turns": [{"text", \
            "label"}]}; reports per-turn accuracy and route switches for routing by the last message, by the \
            last --turns turns as one text, and conversation-aware (turns weighted --decay^age, stickiness \
            --margin), as a session in the gateway can be routed (docs/sessions.md).
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

    @Option(help: ArgumentHelp("Also report accuracy on traffic where this share should match no route, in [0, 1).", valueName: "share"))
    var noRouteShare: Double?

    @Flag(help: "Print the threshold curve: accuracy as every route's threshold moves by the same amount.")
    var curve = false

    func validate() throws {
        guard (data == nil) != (conversations == nil) else { throw ValidationError("give --data or --conversations (one of them)") }
        guard turns >= 1, (0...1).contains(decay), (0...2).contains(margin) else {
            throw ValidationError("--turns must be at least 1, --decay between 0 and 1, --margin between 0 and 2")
        }
        if let noRouteShare, !(noRouteShare >= 0 && noRouteShare < 1) {
            throw ValidationError("--no-route-share must be at least 0 and below 1 (got \(noRouteShare))")
        }
    }

    func run() async throws {
        let output = try await routerOptions.withRouter { router, embedder -> String? in
            let definition = router.definition
            if let conversations {
                let loaded = try ConversationEval.load(conversations, routes: Set(definition.routes.map(\.name)))
                return try await ConversationEval(turns: turns, decay: decay, margin: margin).run(loaded, router: router, embedder: embedder, json: json)
            }
            guard let data else { return nil }
            let labelled = try await LabeledData.load(data, for: definition, embedder: embedder)
            let decisions = try labelled.vectors.map { try router.decide(vector: $0) }
            let labels = labelled.examples.map(\.label)
            let routes = definition.routes.map(\.name)
            let evaluation = RouterEvaluation(labels: labels, predictions: decisions.map { $0.match?.name }, routeNames: routes)
            let share = noRouteShare ?? evaluation.noRouteShare
            let report = EvalReport(
                evaluation: evaluation, share: share,
                curve: curve ? EvalReport.curve(decisions, labels: labels, routes: routes, share: share) : [],
                calibration: EvalReport.calibration(decisions, labels: labels)
            )
            return json ? try report.json(confusions: confusions) : report.table(routes: routes, confusions: confusions)
        }
        if let output { print(output) }
    }
}
