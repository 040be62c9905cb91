/// Chooses per-route distance thresholds and the aggregation method that
/// maximise routing accuracy on labelled examples, out-of-scope ones included.
///
/// Exact, not a search: with `max_k` 1 the routing rule first picks the route
/// with the smallest aggregated distance (which does not depend on the
/// thresholds once the search range is fixed), then accepts it only under its
/// own threshold. So accuracy is a sum over routes, each term depending on
/// that route's threshold alone, and each threshold is optimised by one sweep
/// over the distances where the decision can change. Among equally good
/// thresholds the one nearest the best single shared threshold is kept, which
/// regularises routes with few examples. For `avg` and `sum`, whose aggregates
/// depend on the range (the largest threshold), the range is swept over a grid
/// and every candidate is scored with the exact routing rule. See docs/fit.md.
public struct ThresholdFitter: Sendable {
    /// The outcome of a fit.
    public struct Result: Sendable, Equatable {
        /// The chosen aggregation method.
        public var aggregation: DistanceAggregation
        /// One threshold per route, in router order.
        public var thresholds: [Double]
        /// Accuracy on the fitting data with these settings.
        public var accuracy: Double
        /// Accuracy of the best single threshold shared by all routes, same method.
        public var sharedThresholdAccuracy: Double
        /// Mean accuracy on held-out folds when fitting on the rest (how the method was chosen).
        public var crossValidatedAccuracy: Double
    }

    let routeCount: Int
    /// Per example: (route position, distance) of every reference.
    let distances: [[(route: Int, distance: Float)]]
    /// The same, split into `RouteScorer`'s inputs: route positions and distances.
    let examples: [(tags: [Int], distances: [Float])]
    /// Per example: the expected route position, or -1 for no route.
    let labels: [Int]

    /// Creates a fitter from each example's distances to every reference and its label position (-1 = no route).
    public init(routeCount: Int, referenceDistances: [[(route: Int, distance: Float)]], labels: [Int]) {
        self.routeCount = routeCount
        distances = referenceDistances
        examples = referenceDistances.map { ($0.map(\.route), $0.map(\.distance)) }
        self.labels = labels
    }

    /// Range grid for `avg` and `sum`.
    static let rangeGrid: [Double] = stride(from: 0.2, through: 1.6, by: 0.05).map { $0 }

    /// Folds for choosing the aggregation method.
    public static let folds = 5

    /// Fits every method in `methods` and returns the one with the best
    /// cross-validated accuracy (fit on 4/5 of the examples, scored on the
    /// other 1/5, five times), refitted on all examples. Choosing by accuracy
    /// on the fitting data itself would favour the method that overfits most.
    /// Earlier methods win ties.
    public func fit(methods: [DistanceAggregation]) -> Result {
        var best: Result?
        for method in methods {
            var result = fit(method)
            result.crossValidatedAccuracy = crossValidate(method)
            if best == nil || result.crossValidatedAccuracy > best!.crossValidatedAccuracy { best = result }
        }
        if let chosen = best {
            best!.sharedThresholdAccuracy = sharedAccuracy(chosen.aggregation)
        }
        return best ?? Result(
            aggregation: .avg, thresholds: Array(repeating: 0.5, count: routeCount), accuracy: 0,
            sharedThresholdAccuracy: 0, crossValidatedAccuracy: 0
        )
    }

    /// Mean held-out accuracy of `method` over `folds` interleaved folds.
    func crossValidate(_ method: DistanceAggregation) -> Double {
        guard distances.count >= Self.folds * 2 else { return fit(method).accuracy }
        var correct = 0.0
        for fold in 0..<Self.folds {
            let train = distances.indices.filter { $0 % Self.folds != fold }
            let test = distances.indices.filter { $0 % Self.folds == fold }
            let trained = ThresholdFitter(routeCount: routeCount, referenceDistances: train.map { distances[$0] }, labels: train.map { labels[$0] })
            let held = ThresholdFitter(routeCount: routeCount, referenceDistances: test.map { distances[$0] }, labels: test.map { labels[$0] })
            correct += held.accuracy(thresholds: trained.fit(method).thresholds, aggregation: method) * Double(test.count)
        }
        return correct / Double(distances.count)
    }

    /// Accuracy of the exact routing rule with `thresholds` and `aggregation`
    /// (the range is the largest threshold, as in `RouteScorer`).
    public func accuracy(thresholds: [Double], aggregation: DistanceAggregation) -> Double {
        guard !distances.isEmpty else { return 0 }
        let scorer = RouteScorer(routes: thresholds.map { ("", $0) })
        var correct = 0
        for (example, label) in zip(examples, labels) {
            var predicted = -1
            if let nearest = scorer.ranked(tags: example.tags, distances: example.distances, aggregation: aggregation).first,
               nearest.distance < thresholds[nearest.route] {
                predicted = nearest.route
            }
            if predicted == label { correct += 1 }
        }
        return Double(correct) / Double(distances.count)
    }

    private func fit(_ method: DistanceAggregation) -> Result {
        let rangeDependent = method == .avg || method == .sum
        var best: Result?
        for range in rangeDependent ? Self.rangeGrid : [2.0] {
            let decisions = self.decisions(method, range: range)
            let shared = sharedThreshold(decisions, limit: range)
            var thresholds = (0..<routeCount).map { route in
                bestThreshold(decisions.filter { $0.route == route }, limit: range, prefer: shared)
            }
            if rangeDependent, let top = thresholds.max(), top < range {
                // Keep the fitted range: raise the loosest route to it when that costs nothing.
                let loosest = thresholds.firstIndex(of: top)!
                var widened = thresholds
                widened[loosest] = range
                if accuracy(thresholds: widened, aggregation: method) >= accuracy(thresholds: thresholds, aggregation: method) {
                    thresholds = widened
                }
            }
            let result = Result(
                aggregation: method, thresholds: thresholds,
                accuracy: accuracy(thresholds: thresholds, aggregation: method),
                sharedThresholdAccuracy: 0, crossValidatedAccuracy: 0
            )
            if best == nil || result.accuracy > best!.accuracy { best = result }
        }
        return best!
    }

    /// Accuracy of the best threshold shared by every route (RedisVL's rule with a well-chosen threshold).
    func sharedAccuracy(_ method: DistanceAggregation) -> Double {
        stride(from: 0.05, through: 1.5, by: 0.01)
            .map { accuracy(thresholds: Array(repeating: $0, count: routeCount), aggregation: method) }
            .max() ?? 0
    }

    /// For each example: the nearest route by aggregated distance within `range`, and whether it is the label.
    private struct Decision {
        var route: Int
        var distance: Double
        /// +1 if accepting the route is right, -1 if rejecting it is right, 0 if both are wrong.
        var gain: Int
    }

    private func decisions(_ method: DistanceAggregation, range: Double) -> [Decision] {
        // Every threshold at `range`: the scorer ranks within that range, and its first route is the nearest.
        let scorer = RouteScorer(routes: Array(repeating: ("", range), count: routeCount))
        return zip(examples, labels).compactMap { example, label in
            guard let nearest = scorer.ranked(tags: example.tags, distances: example.distances, aggregation: method).first else { return nil }
            let gain = nearest.route == label ? 1 : (label == -1 ? -1 : 0)
            return Decision(route: nearest.route, distance: nearest.distance, gain: gain)
        }
    }

    /// The best threshold shared by all routes, at most `limit`.
    private func sharedThreshold(_ decisions: [Decision], limit: Double) -> Double {
        bestThreshold(decisions, limit: limit, prefer: min(0.5, limit))
    }

    /// The threshold maximising correct decisions for these examples (accept when distance < t),
    /// at most `limit`; ties go to the candidate nearest `prefer`.
    private func bestThreshold(_ decisions: [Decision], limit: Double, prefer: Double) -> Double {
        let sorted = decisions.sorted { $0.distance < $1.distance }
        guard !sorted.isEmpty else { return prefer }
        // Candidates: below everything, midpoints between distinct distances, above everything, and `prefer`.
        var candidates: [Double] = [max(1e-6, sorted[0].distance / 2), prefer]
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.distance > a.distance {
            candidates.append((a.distance + b.distance) / 2)
        }
        candidates.append(min(limit, sorted.last!.distance + 0.02))
        var bestScore = Int.min, bestValue = prefer
        for candidate in candidates where candidate > 0 && candidate <= limit {
            // Correct decisions at this threshold: accepted right ones + rejected out-of-scope ones.
            var score = 0
            for decision in sorted {
                if decision.distance < candidate { score += decision.gain == 1 ? 1 : 0 } else { score += decision.gain == -1 ? 1 : 0 }
            }
            if score > bestScore || (score == bestScore && abs(candidate - prefer) < abs(bestValue - prefer)) {
                bestScore = score
                bestValue = candidate
            }
        }
        return bestValue
    }
}
