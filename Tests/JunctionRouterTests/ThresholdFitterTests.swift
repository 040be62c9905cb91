@testable import JunctionRouter
import Testing

@Suite struct ThresholdFitterTests {
    typealias Distances = [(route: Int, distance: Float)]

    /// Two routes with two references each. In-scope examples sit within 0.05-0.25
    /// of their own route's references and 0.7-0.9 from the other's; out-of-scope
    /// ones are 0.75-0.95 from everything.
    static func separable(perLabel: Int = 12, seed: UInt64 = 7) -> ThresholdFitter {
        var generator = SeededGenerator(seed: seed)
        var examples: [Distances] = []
        var labels: [Int] = []
        for label in [0, 1, -1] {
            for _ in 0..<perLabel {
                var distances: Distances = []
                for route in 0..<2 {
                    for _ in 0..<2 {
                        let near = route == label
                        let low: Float = near ? 0.05 : (label == -1 ? 0.75 : 0.7)
                        distances.append((route, Float.random(in: low...(low + 0.2), using: &generator)))
                    }
                }
                examples.append(distances)
                labels.append(label)
            }
        }
        return ThresholdFitter(routeCount: 2, referenceDistances: examples, labels: labels)
    }

    @Test(arguments: DistanceAggregation.allCases)
    func separableDataIsFittedPerfectly(method: DistanceAggregation) {
        let result = Self.separable().fit(methods: [method])
        #expect(result.aggregation == method)
        #expect(result.accuracy == 1)
        #expect(result.thresholds.count == 2)
        #expect(result.thresholds.allSatisfy { $0 > 0 && $0 <= 2 })
        #expect(Self.separable().accuracy(thresholds: result.thresholds, aggregation: method) == 1)
        #expect(result.crossValidatedAccuracy >= 0.9)
        #expect(result.sharedThresholdAccuracy == 1)
    }

    @Test func fitOverAllMethodsOnSeparableDataIsPerfect() {
        let result = Self.separable().fit(methods: DistanceAggregation.allCases)
        #expect(result.accuracy == 1)
    }

    /// One reference per route; in-scope examples at most 0.28 from their route,
    /// out-of-scope ones at least 0.6 from their nearest route.
    @Test(arguments: [DistanceAggregation.min, .avg, .sum, .nearest3])
    func thresholdsFallBetweenInScopeAndOutOfScopeDistances(method: DistanceAggregation) throws {
        var generator = SeededGenerator(seed: 42)
        var examples: [Distances] = []
        var labels: [Int] = []
        var inScopeMax: [Float] = [0, 0, 0]
        var outOfScopeMin: [Float] = [2, 2, 2]
        for i in 0..<60 {
            let route = i % 3
            let inScope = i % 2 == 0
            let own = inScope ? Float.random(in: 0.1...0.28, using: &generator) : Float.random(in: 0.6...0.8, using: &generator)
            if inScope { inScopeMax[route] = max(inScopeMax[route], own) } else { outOfScopeMin[route] = min(outOfScopeMin[route], own) }
            examples.append((0..<3).map { ($0, $0 == route ? own : Float.random(in: 0.95...1.2, using: &generator)) })
            labels.append(inScope ? route : -1)
        }
        let result = ThresholdFitter(routeCount: 3, referenceDistances: examples, labels: labels).fit(methods: [method])
        #expect(result.accuracy == 1)
        for route in 0..<3 {
            let threshold = result.thresholds[route]
            #expect(threshold > Double(inScopeMax[route]), "route \(route): \(threshold) <= \(inScopeMax[route])")
            #expect(threshold <= Double(outOfScopeMin[route]), "route \(route): \(threshold) > \(outOfScopeMin[route])")
        }
    }

    /// Route 0 has three references, route 1 one. Examples of route 0 are 0.1
    /// from each of route 0's references and 0.15 from route 1's: `min` gets
    /// them right, `sum` (0.3 against 0.15) never does.
    static func minBeatsSum() -> ThresholdFitter {
        var generator = SeededGenerator(seed: 3)
        var examples: [Distances] = []
        var labels: [Int] = []
        for i in 0..<20 {
            let jitter = Float.random(in: 0...0.01, using: &generator)
            if i % 2 == 0 {
                examples.append([(0, 0.1 + jitter), (0, 0.1 + jitter), (0, 0.1 + jitter), (1, 0.15 + jitter)])
                labels.append(0)
            } else {
                examples.append([(0, 0.3 + jitter), (0, 0.3 + jitter), (0, 0.3 + jitter), (1, 0.05 + jitter)])
                labels.append(1)
            }
        }
        return ThresholdFitter(routeCount: 2, referenceDistances: examples, labels: labels)
    }

    @Test func crossValidationPicksTheBetterMethod() {
        let fitter = Self.minBeatsSum()
        #expect(fitter.crossValidate(.min) == 1)
        #expect(fitter.crossValidate(.sum) <= 0.5)
        for methods in [[DistanceAggregation.sum, .min], [.min, .sum]] {
            let result = fitter.fit(methods: methods)
            #expect(result.aggregation == .min)
            #expect(result.crossValidatedAccuracy == 1)
            #expect(result.accuracy == 1)
        }
    }

    /// With one reference per route, `min` and `nearest_3` aggregate identically.
    @Test func crossValidationTiesGoToTheEarlierMethod() {
        var examples: [Distances] = []
        var labels: [Int] = []
        for i in 0..<20 {
            let step = Float(i % 4) * 0.1
            examples.append([(0, step), (1, 1 - step)])
            labels.append([0, 0, 1, -1][i % 4])
        }
        let fitter = ThresholdFitter(routeCount: 2, referenceDistances: examples, labels: labels)
        #expect(fitter.crossValidate(.min) == fitter.crossValidate(.nearest3))
        #expect(fitter.fit(methods: [.min, .nearest3]).aggregation == .min)
        #expect(fitter.fit(methods: [.nearest3, .min]).aggregation == .nearest3)
    }

    @Test func noMethodsGivesTheDefaults() {
        let result = Self.separable().fit(methods: [])
        #expect(result.aggregation == .avg)
        #expect(result.thresholds == [0.5, 0.5])
    }

    @Test func accuracyOfNoExamplesIsZero() {
        let fitter = ThresholdFitter(routeCount: 2, referenceDistances: [], labels: [])
        #expect(fitter.accuracy(thresholds: [0.5, 0.5], aggregation: .avg) == 0)
    }

    // MARK: Equivalence with the routing rule

    /// `accuracy(thresholds:aggregation:)` must score exactly what the router
    /// would answer, for random distances and thresholds.
    @Test(arguments: DistanceAggregation.allCases)
    func accuracyEqualsRouteScorerOnRandomCases(method: DistanceAggregation) {
        var generator = SeededGenerator(seed: 2024)
        for _ in 0..<200 {
            let randomCase = RandomCase(generator: &generator, quantised: false)
            #expect(randomCase.fitterAccuracy(method) == randomCase.scorerAccuracy(method), "\(randomCase)")
        }
    }

    /// The same on a grid of eighths, where distances tie with each other and
    /// with thresholds: ties must break as the router breaks them.
    @Test(arguments: DistanceAggregation.allCases)
    func accuracyEqualsRouteScorerWithTies(method: DistanceAggregation) {
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<200 {
            let randomCase = RandomCase(generator: &generator, quantised: true)
            #expect(randomCase.fitterAccuracy(method) == randomCase.scorerAccuracy(method), "\(randomCase)")
        }
    }

    /// Fitted thresholds, scored by the router, give the accuracy the fitter reports.
    @Test(arguments: DistanceAggregation.allCases)
    func fittedAccuracyEqualsRouteScorerAccuracy(method: DistanceAggregation) {
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<40 {
            var randomCase = RandomCase(generator: &generator, quantised: false)
            let result = randomCase.fitter.fit(methods: [method])
            randomCase.thresholds = result.thresholds
            #expect(result.accuracy == randomCase.scorerAccuracy(method))
            #expect(result.thresholds.allSatisfy { $0 > 0 && $0 <= 2 })
        }
    }
}

/// Random routes, references, examples, labels and thresholds.
struct RandomCase: CustomStringConvertible {
    var routeCount: Int
    var examples: [[(route: Int, distance: Float)]]
    var labels: [Int]
    var thresholds: [Double]

    init(generator: inout SeededGenerator, quantised: Bool) {
        let routeCount = Int.random(in: 1...4, using: &generator)
        var referenceRoutes: [Int] = []
        for route in 0..<routeCount {
            referenceRoutes += Array(repeating: route, count: Int.random(in: 1...4, using: &generator))
        }
        referenceRoutes.shuffle(using: &generator)
        var examples: [[(route: Int, distance: Float)]] = []
        var labels: [Int] = []
        for _ in 0..<Int.random(in: 1...15, using: &generator) {
            var example: [(route: Int, distance: Float)] = []
            for route in referenceRoutes {
                let distance = quantised
                    ? Float(Int.random(in: 0...12, using: &generator)) / 8
                    : Float.random(in: 0...1.5, using: &generator)
                example.append((route, distance))
            }
            examples.append(example)
            labels.append(Int.random(in: -1..<routeCount, using: &generator))
        }
        var thresholds: [Double] = []
        for _ in 0..<routeCount {
            thresholds.append(quantised
                ? Double(Int.random(in: 1...12, using: &generator)) / 8
                : Double.random(in: 0.05...1.5, using: &generator))
        }
        self.routeCount = routeCount
        self.examples = examples
        self.labels = labels
        self.thresholds = thresholds
    }

    var fitter: ThresholdFitter {
        ThresholdFitter(routeCount: routeCount, referenceDistances: examples, labels: labels)
    }

    func fitterAccuracy(_ method: DistanceAggregation) -> Double {
        fitter.accuracy(thresholds: thresholds, aggregation: method)
    }

    /// Accuracy of `RouteScorer` (what `SemanticRouter` runs) with max_k 1.
    func scorerAccuracy(_ method: DistanceAggregation) -> Double {
        let scorer = RouteScorer(routes: thresholds.enumerated().map { ("route\($0.offset)", $0.element) })
        var correct = 0
        for (example, label) in zip(examples, labels) {
            let match = scorer.matches(example, aggregation: method, maxK: 1).first
            let predicted = match.map { Int($0.name.dropFirst(5))! } ?? -1
            if predicted == label { correct += 1 }
        }
        return Double(correct) / Double(examples.count)
    }

    var description: String {
        "routes \(routeCount), thresholds \(thresholds), labels \(labels), examples \(examples.map { $0.map { "\($0.route):\($0.distance)" } })"
    }
}
