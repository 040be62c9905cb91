import ArgumentParser
import Foundation
import JunctionRouter

/// `junction eval`: accuracy of a router on labelled data, at the data's mix and at an expected one.
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
            """
    )

    @OptionGroup var routerOptions: RouterOptions

    @Option(help: "Labelled examples, one JSON object per line.")
    var data: String

    @Flag(help: "Print one JSON object instead of tables.")
    var json = false

    @Option(help: "Confusions to list.")
    var confusions = 10

    @Option(help: ArgumentHelp("Also report accuracy on traffic where this share should match no route, in [0, 1).", valueName: "share"))
    var noRouteShare: Double?

    @Flag(help: "Print the threshold curve: accuracy as every route's threshold moves by the same amount.")
    var curve = false

    func validate() throws {
        if let noRouteShare, !(noRouteShare >= 0 && noRouteShare < 1) {
            throw ValidationError("--no-route-share must be at least 0 and below 1 (got \(noRouteShare))")
        }
    }

    func run() async throws {
        let (router, encoder) = try await routerOptions.load()
        let definition = router.definition
        let labelled = try LabeledData.load(data, for: definition, encoder: encoder)
        let decisions = try labelled.vectors.map { try router.decide(vector: $0) }
        let labels = labelled.examples.map(\.label)
        let routes = definition.routes.map(\.name)
        let evaluation = RouterEvaluation(labels: labels, predictions: decisions.map { $0.match?.name }, routeNames: routes)
        let report = EvalReport(
            evaluation: evaluation, share: noRouteShare ?? evaluation.noRouteShare,
            curve: curve ? EvalReport.curve(decisions, labels: labels, routes: routes, share: noRouteShare ?? evaluation.noRouteShare) : [],
            calibration: EvalReport.calibration(decisions, labels: labels)
        )
        print(json ? try report.json(confusions: confusions) : report.table(routes: routes, confusions: confusions))
    }
}
