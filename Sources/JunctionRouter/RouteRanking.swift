import JunctionIndex

/// Routes ranked for one query, best first: each route's decision score (a
/// distance, or 1 - probability for `softmax`), its threshold in the same
/// units, and the cosine distance reported to callers. Turns a ranking into
/// RedisVL-style matches (`maxK` first, then each under its own threshold)
/// and into a `max_k` 1 decision with a calibrated confidence.
struct RouteRanking {
    struct Entry {
        var route: Int
        var score: Double
        var threshold: Double
        var distance: Double
    }

    var entries: [Entry]

    /// The gap between entry `position`'s score and the next one's (1 when it is last).
    func gap(after position: Int) -> Double {
        position + 1 < entries.count ? entries[position + 1].score - entries[position].score : 1
    }

    func matches(names: [String], maxK: Int, calibration: ConfidenceCalibration?) -> [RouteMatch] {
        entries.prefix(maxK).enumerated().filter { $0.element.score < $0.element.threshold }.map { position, entry in
            RouteMatch(
                name: names[entry.route], distance: entry.distance,
                confidence: calibration?.confidence(margin: entry.threshold - entry.score, gap: gap(after: position))
            )
        }
    }

    func decision(names: [String], calibration: ConfidenceCalibration?) -> RouteDecision {
        guard let first = entries.first else {
            return RouteDecision(match: nil, nearest: nil, confidence: calibration?.confidence(margin: -1, gap: 1))
        }
        let confidence = calibration?.confidence(margin: first.threshold - first.score, gap: gap(after: 0))
        let nearest = RouteMatch(name: names[first.route], distance: first.distance, confidence: nil)
        var match: RouteMatch?
        if first.score < first.threshold {
            match = nearest
            match?.confidence = confidence
        }
        return RouteDecision(match: match, nearest: nearest, confidence: confidence, score: first.score, threshold: first.threshold)
    }

    /// Stable sort by score (equal scores keep router order).
    static func sorted(_ entries: [Entry]) -> RouteRanking {
        RouteRanking(entries: entries.enumerated().sorted {
            $0.element.score != $1.element.score ? $0.element.score < $1.element.score : $0.offset < $1.offset
        }.map(\.element))
    }
}

/// Route-level vectors of an embedded router: each route's unit centroid
/// (normalised mean of its reference vectors) and, for `softmax`, the learned
/// weights in router order. Rebuilt whenever routes or references change.
struct RouteVectors: Sendable {
    let dimension: Int
    /// `routeCount × dimension` unit centroids.
    var centroids: [Float] = []
    /// The learned scorer, when the method is `softmax`.
    var softmax: (weights: [Float], bias: [Float], minProbability: [Double])?

    init(definition: RouterDefinition, index: FlatVectorIndex) {
        dimension = index.dimension
        let routeCount = definition.routes.count
        var sums = [Float](repeating: 0, count: routeCount * dimension)
        for (position, route) in definition.routes.enumerated() {
            for reference in route.references {
                guard let vector = index.vector(for: SemanticRouter.indexID(route: route.name, reference: reference)) else { continue }
                for j in 0..<dimension { sums[position * dimension + j] += vector[j] }
            }
        }
        for route in 0..<routeCount {
            var norm: Float = 0
            for j in 0..<dimension { norm += sums[route * dimension + j] * sums[route * dimension + j] }
            let scale = norm > 0 ? 1 / norm.squareRoot() : 0
            for j in 0..<dimension { sums[route * dimension + j] *= scale }
        }
        centroids = sums
        if definition.routingConfig.aggregationMethod == .softmax, let scorer = definition.routingConfig.softmax {
            let matrix = scorer.matrix(for: definition.routes.map(\.name))
            if matrix.width == dimension, matrix.bias.count == routeCount {
                softmax = (matrix.weights, matrix.bias, matrix.minProbability)
            }
        }
    }

    /// Cosine distance of a unit query to every route's centroid.
    func centroidDistances(toUnit query: [Float]) -> [Double] {
        let routeCount = centroids.count / max(dimension, 1)
        return (0..<routeCount).map { route in
            var dot: Float = 0
            for j in 0..<dimension { dot += centroids[route * dimension + j] * query[j] }
            return Double(1 - dot)
        }
    }

    /// The ranking by centroid distance (`centroid`) or learned probability (`softmax`).
    func ranking(toUnit query: [Float], method: DistanceAggregation, thresholds: [Double]) throws(RouterError) -> RouteRanking {
        let distances = centroidDistances(toUnit: query)
        if method == .centroid {
            return RouteRanking.sorted(distances.enumerated().map { .init(route: $0, score: $1, threshold: thresholds[$0], distance: $1) })
        }
        guard let softmax else {
            throw RouterError(code: "invalid_routing_config", message: "this router has no learned weights for \(dimension)-d vectors of every route; run junction fit again")
        }
        let probabilities = SoftmaxTrainer.probabilities(vectors: query, rows: 1, weights: softmax.weights, bias: softmax.bias, dimension: dimension)
        return RouteRanking.sorted(probabilities.enumerated().map { route, p in
            .init(route: route, score: 1 - Double(p), threshold: 1 - softmax.minProbability[route], distance: distances[route])
        })
    }
}
