import ArgumentParser
import Foundation
import JunctionJSON
import JunctionRouter

/// `junction route`: the route of each text, as JSON lines.
struct RouteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Route texts with a RedisVL-format router: a file, or a router on Redis.",
        discussion: """
            Prints one JSON object per text: {"route": name or null, "distance": number or null};
            with --many: {"matches": [{"route": ..., "distance": ...}, ...]}. A router fitted by
            junction fit adds "confidence": the calibrated probability that the decision (the route,
            or no route) is right. With no TEXT, reads standard input: one JSON object with a "text"
            field per line, or a plain text line.

            Where the router is:
              --router FILE                        embedded index, in process
              --redis URL --name NAME              the router NAME already on Redis (RedisVL's layout)
              --redis URL --router FILE            created on Redis from FILE first (replacing NAME)
              ... --router FILE --redis-fallback   embedded index when Redis cannot be reached
            """
    )

    @OptionGroup var source: RouterSourceOptions

    @Flag(help: "Print every matching route (up to --max-k), nearest first.")
    var many = false

    @Option(help: "Most routes for --many (default: the router's max_k).")
    var maxK: Int?

    @Option(help: "Routing method: avg, min, sum, or an extension (nearest_3, centroid; softmax needs a fitted router).")
    var aggregation: String?

    @Argument(help: "Texts to route.")
    var texts: [String] = []

    func validate() throws {
        if let maxK, maxK < 1 { throw ValidationError("--max-k must be at least 1") }
        if let aggregation, DistanceAggregation(rawValue: aggregation) == nil {
            throw ValidationError("--aggregation must be one of \(DistanceAggregation.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if source.redis != nil, let aggregation, let method = DistanceAggregation(rawValue: aggregation), !method.isRedisVLCompatible {
            throw ValidationError("--aggregation \(aggregation) is a Junction extension that Redis cannot compute; with --redis use avg, min or sum")
        }
    }

    func run() async throws {
        let loaded = try await source.load()
        do {
            try await route(with: loaded.router)
        } catch {
            await loaded.close()
            throw error
        }
        await loaded.close()
    }

    private func route(with router: any Router) async throws {
        let method = aggregation.flatMap(DistanceAggregation.init(rawValue:))
        // Confidence is printed for routers that carry a calibration (junction fit writes one).
        let calibrated = router.definition.routingConfig.confidence != nil && (method == nil || method == router.definition.routingConfig.aggregationMethod)
        func confidence(_ value: Double?) -> String {
            calibrated ? ", \"confidence\": \(value.map { String(format: "%.4f", $0) } ?? "null")" : ""
        }
        func line(for text: String) async throws -> String {
            if many {
                let matches = try await router.routeMany(text, maxK: maxK, aggregation: method)
                let items = matches.map { "{\"route\": \(JSONText.quote($0.name)), \"distance\": \(Float($0.distance))\(confidence($0.confidence))}" }
                return "{\"matches\": [\(items.joined(separator: ", "))]}"
            }
            let match: RouteMatch?
            var decided: Double?
            if calibrated {
                let decision = try await router.decide(vector: await router.queryVector(text))
                match = decision.match
                decided = decision.confidence
            } else {
                match = try await router.routeMany(text, maxK: 1, aggregation: method).first
            }
            return "{\"route\": \(match.map { JSONText.quote($0.name) } ?? "null"), \"distance\": \(match.map { "\(Float($0.distance))" } ?? "null")\(confidence(decided))}"
        }
        if !texts.isEmpty {
            for text in texts { print(try await line(for: text)) }
            return
        }
        while let input = readLine(strippingNewline: true) {
            print(try await line(for: InputLines.text(of: input)))
        }
    }
}
