import Foundation
import JunctionEncoder

extension RouteFitter {
    /// The nearest route of one example under one method (-1: none ranked),
    /// its decision score and the gap to the second route's score; for an
    /// in-scope example also the same with its own route held out (the example
    /// then stands for a query whose intent no route covers).
    struct Decision {
        var route: Int
        var score: Double
        var gap: Double
        var heldOutRoute = -1
        var heldOutScore = 2.0
        var heldOutGap = 1.0
    }

    /// Decisions of every example, per search range (one range unless the method depends on it).
    struct DecisionSet {
        var method: DistanceAggregation
        var ranges: [Double]
        var byRange: [[Decision]]

        func at(range: Double) -> [Decision] {
            byRange[ranges.firstIndex(of: range) ?? 0]
        }
    }

    /// Range grid for `avg` and `sum`, whose aggregates depend on the largest threshold.
    static let rangeGrid: [Double] = stride(from: 0.2, through: 1.6, by: 0.05).map { ($0 * 100).rounded() / 100 }

    /// Every example's dot products with the references (and, to add fitting
    /// examples as references, with the other examples), computed once with
    /// BLAS; decisions for each method come from these.
    final class ScoreTable: @unchecked Sendable {
        let fitter: RouteFitter
        let n: Int
        let m: Int
        /// `n × m` dot products of examples with references.
        let referenceDots: [Float]
        /// `n × n` dot products between examples (only when references may be added).
        let exampleDots: [Float]

        init(fitter: RouteFitter) {
            self.fitter = fitter
            n = fitter.labels.count
            m = fitter.referenceRoutes.count
            referenceDots = BLAS.products(fitter.examples, rows: n, fitter.references, rows: m, width: fitter.dimension)
            exampleDots = fitter.options.addReferences
                ? BLAS.products(fitter.examples, rows: n, fitter.examples, rows: n, width: fitter.dimension) : []
        }

        func decisions(method: DistanceAggregation, addsReferences: Bool) -> DecisionSet {
            switch method {
            case .softmax:
                return DecisionSet(method: method, ranges: [1], byRange: [softmaxDecisions()])
            case .avg, .sum:
                let ranges = RouteFitter.rangeGrid
                return DecisionSet(method: method, ranges: ranges, byRange: ranges.map { distanceDecisions(method, adds: addsReferences, range: $0) })
            case .min, .nearest3, .centroid:
                return DecisionSet(method: method, ranges: [2], byRange: [distanceDecisions(method, adds: addsReferences, range: 2)])
            }
        }

        /// Squared norms of each route's summed vectors (references, plus addable examples when `adds`).
        private func centroidSquaredNorms(adds: Bool) -> [Double] {
            let d = fitter.dimension
            var sums = [Double](repeating: 0, count: fitter.routeCount * d)
            for (row, route) in fitter.referenceRoutes.enumerated() {
                for j in 0..<d { sums[route * d + j] += Double(fitter.references[row * d + j]) }
            }
            if adds {
                for (row, label) in fitter.labels.enumerated() where label >= 0 && fitter.addable[row] {
                    for j in 0..<d { sums[label * d + j] += Double(fitter.examples[row * d + j]) }
                }
            }
            return (0..<fitter.routeCount).map { route in (0..<d).reduce(0.0) { $0 + sums[route * d + $1] * sums[route * d + $1] } }
        }

        /// Decisions of a reference-distance method or `centroid`, RedisVL's rule:
        /// references within `range` (all, for `min`, `nearest_3` and `centroid`),
        /// aggregated per route, routes ranked by aggregate. An example added as a
        /// reference is scored without itself (leave-one-out).
        private func distanceDecisions(_ method: DistanceAggregation, adds: Bool, range: Double) -> [Decision] {
            let routes = fitter.routeCount
            let norms = method == .centroid ? centroidSquaredNorms(adds: adds) : []
            let addableColumns = adds ? fitter.labels.indices.filter { fitter.labels[$0] >= 0 && fitter.addable[$0] } : []
            var sums = [Double](repeating: 0, count: routes)
            var counts = [Int](repeating: 0, count: routes)
            var nearest = [Float](repeating: .infinity, count: routes * 3)
            var out: [Decision] = []
            out.reserveCapacity(n)
            let limit = Float(range)
            for row in 0..<n {
                for r in 0..<routes { sums[r] = 0; counts[r] = 0 }
                for k in nearest.indices { nearest[k] = .infinity }
                func take(_ route: Int, _ dot: Float) {
                    let distance = 1 - dot
                    switch method {
                    case .avg, .sum:
                        if distance <= limit { sums[route] += Double(distance); counts[route] += 1 }
                    case .centroid:
                        sums[route] += Double(dot); counts[route] += 1
                    case .min, .nearest3:
                        counts[route] += 1
                        var value = distance
                        let slots = method == .min ? 1 : 3
                        for slot in (route * 3)..<(route * 3 + slots) where value < nearest[slot] { swap(&value, &nearest[slot]) }
                    case .softmax:
                        break
                    }
                }
                let base = row * m
                for column in 0..<m { take(fitter.referenceRoutes[column], referenceDots[base + column]) }
                if adds {
                    let exampleBase = row * n
                    for column in addableColumns where column != row { take(fitter.labels[column], exampleDots[exampleBase + column]) }
                }
                let label = fitter.labels[row]
                var first = (route: -1, score: Double.infinity), second = Double.infinity
                var other = (route: -1, score: Double.infinity), otherSecond = Double.infinity
                for route in 0..<routes where counts[route] > 0 {
                    let score: Double
                    switch method {
                    case .avg: score = sums[route] / Double(counts[route])
                    case .sum: score = sums[route]
                    case .min: score = Double(nearest[route * 3])
                    case .nearest3:
                        let used = Swift.min(3, counts[route])
                        score = (0..<used).reduce(0.0) { $0 + Double(nearest[route * 3 + $1]) } / Double(used)
                    case .centroid:
                        var squared = norms[route]
                        // Leave-one-out: the example's own vector is not part of its route's centroid.
                        if adds, fitter.labels[row] == route, fitter.addable[row] { squared -= 2 * sums[route] + 1 }
                        score = squared > 1e-12 ? 1 - sums[route] / squared.squareRoot() : 1
                    case .softmax:
                        score = 1
                    }
                    if score < first.score {
                        second = first.score
                        first = (route, score)
                    } else if score < second {
                        second = score
                    }
                    if route != label {
                        if score < other.score {
                            otherSecond = other.score
                            other = (route, score)
                        } else if score < otherSecond {
                            otherSecond = score
                        }
                    }
                }
                var decision = Decision(route: first.route, score: first.route < 0 ? 2 : first.score, gap: second.isFinite ? second - first.score : 1)
                if label >= 0, other.route >= 0 {
                    decision.heldOutRoute = other.route
                    decision.heldOutScore = other.score
                    decision.heldOutGap = otherSecond.isFinite ? otherSecond - other.score : 1
                }
                out.append(decision)
            }
            return out
        }

        /// Held-out decisions of the learned scorer: each fold is scored by a model trained without it.
        private func softmaxDecisions() -> [Decision] {
            let folds = fitter.foldCount
            var out = [Decision](repeating: Decision(route: -1, score: 1, gap: 1), count: n)
            for fold in 0..<folds {
                let model = trainSoftmax(excludingFold: folds > 1 ? fold : nil)
                let rows = (0..<n).filter { folds == 1 || $0 % folds == fold }
                var vectors: [Float] = []
                vectors.reserveCapacity(rows.count * fitter.dimension)
                for row in rows { vectors += fitter.examples[(row * fitter.dimension)..<((row + 1) * fitter.dimension)] }
                let probabilities = SoftmaxTrainer.probabilities(
                    vectors: vectors, rows: rows.count, weights: model.weights, bias: model.bias, dimension: fitter.dimension
                )
                for (position, row) in rows.enumerated() {
                    let p = probabilities[(position * fitter.routeCount)..<((position + 1) * fitter.routeCount)]
                    var best = -1, top: Float = -1, runnerUp: Float = 0
                    for (route, value) in zip(0..<fitter.routeCount, p) {
                        if value > top { runnerUp = Swift.max(runnerUp, top); top = value; best = route } else if value > runnerUp { runnerUp = value }
                    }
                    out[row] = Decision(route: best, score: 1 - Double(top), gap: Double(top - runnerUp))
                }
            }
            addHeldOutRouteDecisions(&out)
            return out
        }

        /// For each in-scope example, the decision of a model trained without its
        /// route (nor the other routes of its route fold): an honest stand-in for a
        /// query no route covers. Routes are dealt into `foldCount` folds.
        private func addHeldOutRouteDecisions(_ out: inout [Decision]) {
            let folds = Swift.max(2, Swift.min(fitter.foldCount, fitter.routeCount))
            guard fitter.routeCount > 1 else { return }
            let d = fitter.dimension
            for fold in 0..<folds {
                let kept = (0..<fitter.routeCount).filter { $0 % folds != fold }
                guard !kept.isEmpty else { continue }
                var position = [Int](repeating: -1, count: fitter.routeCount)
                for (index, route) in kept.enumerated() { position[route] = index }
                var vectors: [Float] = [], labels: [Int] = []
                for (row, route) in fitter.referenceRoutes.enumerated() where position[route] >= 0 {
                    vectors += fitter.references[(row * d)..<((row + 1) * d)]
                    labels.append(position[route])
                }
                for (row, label) in fitter.labels.enumerated() where label >= 0 && position[label] >= 0 {
                    vectors += fitter.examples[(row * d)..<((row + 1) * d)]
                    labels.append(position[label])
                }
                let model = SoftmaxTrainer().train(vectors: vectors, labels: labels, routeCount: kept.count, dimension: d)
                let rows = (0..<n).filter { fitter.labels[$0] >= 0 && fitter.labels[$0] % folds == fold }
                var queries: [Float] = []
                for row in rows { queries += fitter.examples[(row * d)..<((row + 1) * d)] }
                let probabilities = SoftmaxTrainer.probabilities(vectors: queries, rows: rows.count, weights: model.weights, bias: model.bias, dimension: d)
                for (index, row) in rows.enumerated() {
                    var best = -1, top: Float = -1, runnerUp: Float = 0
                    for j in 0..<kept.count {
                        let value = probabilities[index * kept.count + j]
                        if value > top { runnerUp = Swift.max(runnerUp, top); top = value; best = j } else if value > runnerUp { runnerUp = value }
                    }
                    out[row].heldOutRoute = kept[best]
                    out[row].heldOutScore = 1 - Double(top)
                    out[row].heldOutGap = Double(top - runnerUp)
                }
            }
        }

        /// The learned scorer trained on the references and the in-scope examples outside `fold`.
        func trainSoftmax(excludingFold fold: Int?) -> (weights: [Float], bias: [Float]) {
            var vectors = fitter.references
            var labels = fitter.referenceRoutes
            let folds = fitter.foldCount
            for (row, label) in fitter.labels.enumerated() where label >= 0 && (fold == nil || row % folds != fold!) {
                vectors += fitter.examples[(row * fitter.dimension)..<((row + 1) * fitter.dimension)]
                labels.append(label)
            }
            return SoftmaxTrainer().train(vectors: vectors, labels: labels, routeCount: fitter.routeCount, dimension: fitter.dimension)
        }
    }

    /// Folds actually used: one (fit and judge on everything) when there are too few examples.
    var foldCount: Int { labels.count >= options.folds * 2 ? options.folds : 1 }
}
