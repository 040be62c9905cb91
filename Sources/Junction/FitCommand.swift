import ArgumentParser
import Foundation
import JunctionRouter

/// `junction fit`: the routing method, thresholds, added references and confidence calibration from labelled data.
struct FitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a router to labelled examples: method, thresholds, references and confidence.",
        discussion: """
            Writes the router with the fitted values to --out (YAML, or JSON for a .json path).
            Tell fit how much real traffic should match no route with --no-route-share: fitting data
            rarely holds the queries users want rejected. --redisvl keeps the file loadable by RedisVL
            (avg, min, sum); centroid, nearest_3 and softmax are Junction extensions that RedisVL
            refuses to load. How it works: docs/fit.md.
            """
    )

    @OptionGroup var routerOptions: RouterOptions

    @Option(help: "Labelled examples, one JSON object per line: {\"text\": ..., \"label\": route or null}.")
    var data: String

    @Option(help: "Where to write the fitted router.")
    var out: String

    @Option(help: "Comma-separated methods fit may choose from (avg, min, sum, nearest_3, centroid, softmax).")
    var aggregationMethods = DistanceAggregation.allCases.map(\.rawValue).joined(separator: ",")

    @Flag(help: "Only RedisVL's methods (avg, min, sum), so RedisVL can load the fitted file.")
    var redisvl = false

    @Option(help: ArgumentHelp("Share of real traffic expected to match no route, in [0, 1) (default: the data's own share).", valueName: "share"))
    var noRouteShare: Double?

    @Flag(help: "Let in-scope fitting examples become references of their route when cross-validation says that helps.")
    var addReferences = false

    func validate() throws {
        _ = try methods()
        if let noRouteShare, !(noRouteShare >= 0 && noRouteShare < 1) {
            throw ValidationError("--no-route-share must be at least 0 and below 1 (got \(noRouteShare))")
        }
    }

    func methods() throws -> [DistanceAggregation] {
        let names = aggregationMethods.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let parsed = names.compactMap(DistanceAggregation.init(rawValue:))
        guard !parsed.isEmpty, parsed.count == names.count else {
            throw ValidationError("--aggregation-methods takes a comma-separated list of \(DistanceAggregation.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if redisvl {
            let kept = parsed.filter(\.isRedisVLCompatible)
            guard !kept.isEmpty else { throw ValidationError("--redisvl keeps only avg, min and sum, and --aggregation-methods names none of them") }
            return kept
        }
        return parsed
    }

    func run() async throws {
        let started = ContinuousClock.now
        let (result, fitted, before, labelCount, noRouteCount) = try await routerOptions.withRouter { router, embedder in
            let definition = router.definition
            let labelled = try await LabeledData.load(data, for: definition, embedder: embedder)
            let labels = labelled.labelPositions(in: definition)
            let noRouteCount = labels.filter { $0 < 0 }.count
            let dataShare = Double(noRouteCount) / Double(labels.count)
            if noRouteShare == nil, noRouteCount < RouteFitter.enoughNoRouteExamples || dataShare < 0.05 {
                Terminal.log(
                    "warning: only \(noRouteCount) of \(labels.count) examples (\(Self.percent(dataShare))) should match no route: "
                        + "too few to tell how strict the router must be. If real traffic holds more, say how much with --no-route-share "
                        + "(for example --no-route-share 0.2)"
                )
            }
            if noRouteCount < RouteFitter.enoughNoRouteExamples {
                Terminal.log("note: in-scope examples scored with their own route held out stand in for the missing out-of-scope ones (docs/fit.md)")
            }
            var options = RouteFitter.Options()
            options.methods = try methods()
            options.noRouteShare = noRouteShare
            options.addReferences = addReferences
            let result: RouteFitter.Result, fitted: RouterDefinition
            do {
                (result, fitted) = try RouterFitting.fit(router, data: labelled, dimension: embedder.dimension, options: options) { Terminal.log($0) }
            } catch {
                throw CLIError("\(data): \((error as? RouterError)?.message ?? "\(error)")")
            }
            let before = RouterEvaluation(
                labels: labelled.examples.map(\.label),
                predictions: try labelled.vectors.map { try router.decide(vector: $0).match?.name },
                routeNames: definition.routes.map(\.name)
            )
            return (result, fitted, before, labels.count, noRouteCount)
        }
        try fitted.write(to: URL(fileURLWithPath: out))
        print(report(result, before: before, examples: labelCount, noRouteCount: noRouteCount, seconds: (ContinuousClock.now - started).milliseconds / 1000))
    }

    func report(_ result: RouteFitter.Result, before: RouterEvaluation, examples: Int, noRouteCount: Int, seconds: Double) -> String {
        let share = result.noRouteShare
        let chosen = result.chosen
        var lines: [String] = []
        let how = (chosen.addsReferences ? ", fitting examples added as references" : "")
            + (chosen.perRouteThresholds ? ", one threshold per route" : ", one shared threshold")
        lines.append("fitted on \(examples) examples (\(noRouteCount) out of scope) in \(String(format: "%.1f", seconds)) s: \(chosen.method.rawValue)\(how)")
        lines.append("objective: accuracy on traffic where \(Self.percent(share)) should match no route"
            + (noRouteShare == nil ? " (the data's own share)" : ""))
        let cv = chosen.score
        lines.append("cross-validated (\(RouteFitter.Options().folds) folds): expected accuracy \(Self.percent(cv.expectedAccuracy)), "
            + "in-scope accuracy \(Self.percent(cv.inScopeAccuracy)), no-route recall \(Self.percent(cv.noRouteRecall))"
            + (noRouteCount < RouteFitter.enoughNoRouteExamples ? " (held-out routes: \(Self.percent(cv.heldOutRouteRecall)))" : ""))
        lines.append("on the fitting data: expected accuracy \(Self.percent(before.expectedAccuracy(noRouteShare: share))) before, "
            + "\(Self.percent(result.fittingScore.expectedAccuracy)) after")
        let added = result.addedReferences.map(\.count).reduce(0, +)
        if added > 0 { lines.append("added \(added) fitting examples as references") }
        var table = TextTable(header: ["method", "references", "thresholds", "expected", "in-scope", "no-route recall", "held-out routes"])
        for candidate in result.candidates {
            table.add([
                candidate.method.rawValue + (candidate == chosen ? " *" : ""), candidate.addsReferences ? "+examples" : "as given",
                candidate.perRouteThresholds ? "per route" : "shared", Self.percent(candidate.score.expectedAccuracy),
                Self.percent(candidate.score.inScopeAccuracy), Self.percent(candidate.score.noRouteRecall),
                Self.percent(candidate.score.heldOutRouteRecall),
            ])
        }
        lines.append("\ncandidates (cross-validated; * chosen: the simplest within one standard error of the best; RedisVL's methods win ties)\n" + table.render() + "\n")
        if !chosen.method.isRedisVLCompatible {
            lines.append("note: \(chosen.method.rawValue) is a Junction extension; RedisVL refuses to load \(out) (use --redisvl for a file it loads)")
        }
        lines.append("wrote \(out)")
        return lines.joined(separator: "\n")
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
}
