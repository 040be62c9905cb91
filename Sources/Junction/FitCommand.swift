import ArgumentParser
import Foundation
import JunctionRouter

/// `junction fit`: per-route thresholds (and aggregation method) from labelled data.
struct FitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit per-route distance thresholds and the aggregation method to labelled examples.",
        discussion: """
            Writes the router with the fitted values to --out (YAML, or JSON for a .json path).
            Restrict --aggregation-methods to avg,min,sum to keep the file loadable by RedisVL.
            How it works: docs/fit.md.
            """
    )

    @OptionGroup var routerOptions: RouterOptions

    @Option(help: "Labelled examples, one JSON object per line: {\"text\": ..., \"label\": route or null}.")
    var data: String

    @Option(help: "Where to write the fitted router.")
    var out: String

    @Option(help: "Comma-separated aggregation methods fit may choose from.")
    var aggregationMethods = DistanceAggregation.allCases.map(\.rawValue).joined(separator: ",")

    func validate() throws {
        _ = try methods()
    }

    func methods() throws -> [DistanceAggregation] {
        let names = aggregationMethods.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let parsed = names.compactMap(DistanceAggregation.init(rawValue:))
        guard !parsed.isEmpty, parsed.count == names.count else {
            throw ValidationError("--aggregation-methods takes a comma-separated list of \(DistanceAggregation.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return parsed
    }

    func run() async throws {
        let (fitter, examples, loaded) = try await routerOptions.withRouter { router, embedder in
            let labelled = try await LabeledData.load(data, for: router.definition, embedder: embedder)
            let fitter = ThresholdFitter(
                routeCount: router.definition.routes.count,
                referenceDistances: try labelled.vectors.map { try router.referenceDistances(vector: $0) },
                labels: labelled.labelPositions(in: router.definition)
            )
            return (fitter, labelled.examples.count, router.definition)
        }
        var definition = loaded
        let before = fitter.accuracy(thresholds: definition.routes.map(\.distanceThreshold), aggregation: definition.routingConfig.aggregationMethod)
        let result = fitter.fit(methods: try methods())
        for (position, threshold) in result.thresholds.enumerated() {
            definition.routes[position].distanceThreshold = (threshold * 10_000).rounded() / 10_000
        }
        definition.routingConfig.aggregationMethod = result.aggregation
        try definition.write(to: URL(fileURLWithPath: out))
        func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
        print("fitted \(definition.routes.count) thresholds on \(examples) examples: aggregation \(result.aggregation.rawValue)")
        print("accuracy on the fitting data: \(percent(before)) before, \(percent(result.accuracy)) after (best single shared threshold: \(percent(result.sharedThresholdAccuracy)))")
        print("cross-validated accuracy (\(ThresholdFitter.folds) folds, how the method was chosen): \(percent(result.crossValidatedAccuracy))")
        if !result.aggregation.isRedisVLCompatible {
            print("note: \(result.aggregation.rawValue) is a Junction extension; RedisVL cannot load \(out) (use --aggregation-methods avg,min,sum)")
        }
        print("wrote \(out)")
    }
}
