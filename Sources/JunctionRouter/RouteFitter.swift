import Foundation

/// Fits a router to labelled examples: which routing method, which
/// thresholds, whether fitting examples should become references, and how
/// decisions turn into a calibrated confidence, all chosen by
/// cross-validation under an objective that says how much of real traffic
/// should match no route.
///
/// The objective is the expected accuracy at a traffic mix: a share `P` of
/// queries belongs to no route, so `(1 - P) × in-scope accuracy + P ×
/// no-route recall`. Without a given share, `P` is the data's own, which is
/// plain accuracy. Fitting data rarely holds the traffic users want rejected;
/// naming the expected share keeps the fit from loosening every threshold.
///
/// Every candidate (method × references added or not × one shared threshold
/// or one per route) is scored on held-out folds: its thresholds are fitted on
/// the other folds' decisions and judged on the held-out one. Of the
/// candidates within one standard error of the best held-out expected
/// accuracy, the simplest wins (see `choose`); exact ties go to earlier
/// candidates, and RedisVL's methods come first. See docs/fit.md.
public struct RouteFitter: Sendable {
    /// What the fit may choose from, and for which traffic.
    public struct Options: Sendable {
        /// Methods to choose from. Default: every one.
        public var methods: [DistanceAggregation] = DistanceAggregation.allCases
        /// Expected share of traffic that should match no route, in [0, 1); nil: the data's share.
        public var noRouteShare: Double?
        /// Whether in-scope fitting examples may become references of their route. Default false.
        public var addReferences = false
        /// Cross-validation folds. Default 5.
        public var folds = 5

        /// Options with every default.
        public init() {}
    }

    /// Held-out (or fitted) scores of one candidate.
    public struct Score: Sendable, Equatable {
        /// Expected accuracy at the objective's no-route share.
        public var expectedAccuracy: Double
        /// Share of in-scope examples routed to their route.
        public var inScopeAccuracy: Double
        /// Share of no-route examples that matched no route (1 when there are none).
        public var noRouteRecall: Double
        /// Share of in-scope examples that matched no route once their own route was held out.
        public var heldOutRouteRecall: Double
    }

    /// One candidate and its cross-validated score.
    public struct Candidate: Sendable, Equatable {
        /// The method.
        public var method: DistanceAggregation
        /// Whether fitting examples were added as references.
        public var addsReferences: Bool
        /// One threshold per route (false: one shared threshold).
        public var perRouteThresholds: Bool
        /// Its cross-validated score.
        public var score: Score
    }

    /// The fitted router settings.
    public struct Result: Sendable {
        /// The chosen candidate.
        public var chosen: Candidate
        /// Every candidate tried, in the order tried.
        public var candidates: [Candidate]
        /// One distance threshold per route (router order); for `softmax`, 1 - the route's min probability.
        public var thresholds: [Double]
        /// The learned scorer, when `softmax` was chosen.
        public var softmax: [(weights: [Float], bias: Double, minProbability: Double)]?
        /// Example positions to add as references, per route (empty unless the chosen candidate adds references).
        public var addedReferences: [[Int]]
        /// The confidence calibration fitted on held-out decisions.
        public var confidence: ConfidenceCalibration
        /// The no-route share the objective used.
        public var noRouteShare: Double
        /// The chosen settings' score on the fitting data itself (optimistic).
        public var fittingScore: Score
    }

    let routeCount: Int
    let dimension: Int
    let references: [Float]
    let referenceRoutes: [Int]
    let examples: [Float]
    let labels: [Int]
    let addable: [Bool]
    let options: Options

    /// Creates a fitter. Vectors are flat row-major arrays of unit rows (`dimension`
    /// wide); labels are route positions, -1 for no route; `addable` marks
    /// in-scope examples that may become references (not already one).
    public init(
        routeCount: Int, dimension: Int, references: [Float], referenceRoutes: [Int],
        examples: [Float], labels: [Int], addable: [Bool]? = nil, options: Options = Options()
    ) {
        self.routeCount = routeCount
        self.dimension = dimension
        self.references = references
        self.referenceRoutes = referenceRoutes
        self.examples = examples
        self.labels = labels
        self.addable = addable ?? labels.map { $0 >= 0 }
        self.options = options
    }

    /// The no-route share the objective uses.
    public var noRouteShare: Double {
        options.noRouteShare ?? (labels.isEmpty ? 0 : Double(labels.filter { $0 < 0 }.count) / Double(labels.count))
    }

    /// Out-of-scope examples below which they are too few to tell how strict to be
    /// on their own: held-out routes make up the difference.
    public static let enoughNoRouteExamples = 50

    /// How much of the no-route share real out-of-scope examples carry; the rest is
    /// carried by in-scope examples scored with their own route held out.
    var noRouteEvidence: Double {
        let noRoute = labels.filter { $0 < 0 }.count
        guard routeCount > 1 else { return 1 }
        return Double(noRoute) / Double(noRoute + Self.enoughNoRouteExamples)
    }

    /// Per-example weight, under the objective, of in-scope examples, of no-route
    /// examples, and of in-scope examples standing in for no-route ones (their route held out).
    var weights: (inScope: Double, noRoute: Double, heldOutRoute: Double) {
        let noRoute = labels.filter { $0 < 0 }.count, inScope = labels.count - noRoute
        let share = noRouteShare, evidence = noRouteEvidence
        return (
            inScope > 0 ? (1 - share) / Double(inScope) : 0,
            noRoute > 0 ? share * evidence / Double(noRoute) : 0,
            inScope > 0 ? share * (1 - evidence) / Double(inScope) : 0
        )
    }

    /// The candidate to keep: the simplest (one shared threshold, references as
    /// given) among those within one standard error of the best held-out
    /// expected accuracy, the best of those; earlier candidates win exact ties.
    /// Per-route thresholds and added references must earn their keep: on small
    /// data their held-out gain is mostly noise.
    static func choose(_ candidates: [Candidate], examples: Int) -> Int {
        let best = candidates.map(\.score.expectedAccuracy).max() ?? 0
        let standardError = (best * (1 - best) / Double(max(1, examples))).squareRoot()
        func complexity(_ c: Candidate) -> Int { (c.perRouteThresholds ? 1 : 0) + (c.addsReferences ? 1 : 0) }
        var chosen = 0
        for (position, candidate) in candidates.enumerated() where candidate.score.expectedAccuracy >= best - standardError - 1e-12 {
            let current = candidates[chosen]
            let eligible = current.score.expectedAccuracy >= best - standardError - 1e-12
            if !eligible || complexity(candidate) < complexity(current)
                || (complexity(candidate) == complexity(current) && candidate.score.expectedAccuracy > current.score.expectedAccuracy + 1e-12) {
                chosen = position
            }
        }
        return chosen
    }

    /// Fits every candidate and returns the one `choose` keeps.
    public func fit(progress: (@Sendable (String) -> Void)? = nil) throws(RouterError) -> Result {
        guard labels.contains(where: { $0 >= 0 }) else {
            throw RouterError(code: "invalid_data", message: "the fitting data has no in-scope examples (every label is null)")
        }
        if noRouteShare > 0, !labels.contains(where: { $0 < 0 }), routeCount < 2 {
            throw RouterError(
                code: "invalid_data",
                message: "a no-route share of \(noRouteShare) needs out-of-scope examples (\"label\": null) in the fitting data, or two routes to hold out in turn"
            )
        }
        let table = ScoreTable(fitter: self)
        var ordered = options.methods.filter(\.isRedisVLCompatible) + options.methods.filter { !$0.isRedisVLCompatible }
        ordered = ordered.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        var tried: [(candidate: Candidate, evaluation: CandidateEvaluation, decisions: DecisionSet)] = []
        for method in ordered {
            for adds in (options.addReferences && method != .softmax ? [false, true] : [false]) {
                progress?("scoring \(method.rawValue)\(adds ? " with fitting examples as references" : "")")
                let decisions = table.decisions(method: method, addsReferences: adds)
                for perRoute in [false, true] {
                    let evaluation = crossValidate(decisions, perRoute: perRoute)
                    tried.append((Candidate(method: method, addsReferences: adds, perRouteThresholds: perRoute, score: evaluation.score), evaluation, decisions))
                }
            }
        }
        let (chosen, evaluation, decisions) = tried[Self.choose(tried.map(\.candidate), examples: labels.count)]
        let candidates = tried.map(\.candidate)
        progress?("fitting \(chosen.method.rawValue) on all examples")
        let all = Array(labels.indices)
        let fitted = fitThresholds(decisions, rows: all, perRoute: chosen.perRouteThresholds)
        let fittingScore = score(decisions.at(range: fitted.range), thresholds: fitted.thresholds, rows: all)
        var softmax: [(weights: [Float], bias: Double, minProbability: Double)]?
        if chosen.method == .softmax {
            let model = table.trainSoftmax(excludingFold: nil)
            softmax = (0..<routeCount).map { route in
                (Array(model.weights[(route * dimension)..<((route + 1) * dimension)]), Double(model.bias[route]), 1 - fitted.thresholds[route])
            }
        }
        var added = [[Int]](repeating: [], count: routeCount)
        if chosen.addsReferences {
            for (row, label) in labels.enumerated() where label >= 0 && addable[row] { added[label].append(row) }
        }
        return Result(
            chosen: chosen, candidates: candidates, thresholds: fitted.thresholds, softmax: softmax,
            addedReferences: added, confidence: ConfidenceCalibration.fit(evaluation.calibrationSamples),
            noRouteShare: noRouteShare, fittingScore: fittingScore
        )
    }
}
