import Foundation

extension RouteFitter {
    /// A candidate's held-out score and the held-out decisions its confidence is calibrated on.
    struct CandidateEvaluation {
        var score: Score
        var calibrationSamples: [ConfidenceCalibration.Sample]
    }

    /// Scores a candidate on held-out folds: thresholds (and the search range)
    /// fitted on the other folds' decisions, judged on the held-out one.
    func crossValidate(_ set: DecisionSet, perRoute: Bool) -> CandidateEvaluation {
        let folds = foldCount
        var predicted = [Int](repeating: -1, count: labels.count)
        var heldOutRejected = [Bool](repeating: true, count: labels.count)
        var samples: [ConfidenceCalibration.Sample] = []
        let weights = self.weights
        for fold in 0..<folds {
            let train = labels.indices.filter { folds == 1 || $0 % folds != fold }
            let held = labels.indices.filter { folds == 1 || $0 % folds == fold }
            let fitted = fitThresholds(set, rows: train, perRoute: perRoute)
            let decisions = set.at(range: fitted.range)
            for row in held {
                let decision = decisions[row]
                predicted[row] = predict(decision, thresholds: fitted.thresholds)
                if decision.heldOutRoute >= 0 {
                    let margin = fitted.thresholds[decision.heldOutRoute] - decision.heldOutScore
                    heldOutRejected[row] = margin <= 0
                    if weights.heldOutRoute > 0 {
                        samples.append(.init(margin: margin, gap: decision.heldOutGap, correct: margin <= 0, weight: weights.heldOutRoute))
                    }
                }
                guard decision.route >= 0 else { continue }
                let margin = fitted.thresholds[decision.route] - decision.score
                let correct = margin > 0 ? decision.route == labels[row] : labels[row] < 0
                samples.append(.init(
                    margin: margin, gap: decision.gap, correct: correct,
                    weight: labels[row] < 0 ? weights.noRoute : weights.inScope
                ))
            }
        }
        let score = score(predicted: predicted, heldOutRejected: heldOutRejected, rows: Array(labels.indices))
        return CandidateEvaluation(score: score, calibrationSamples: samples)
    }

    /// The route predicted for a decision under `thresholds` (-1: none).
    func predict(_ decision: Decision, thresholds: [Double]) -> Int {
        decision.route >= 0 && decision.score < thresholds[decision.route] ? decision.route : -1
    }

    /// The score of `decisions` over `rows` under one set of thresholds.
    func score(_ decisions: [Decision], thresholds: [Double], rows: [Int]) -> Score {
        var predicted = [Int](repeating: -1, count: labels.count)
        var heldOutRejected = [Bool](repeating: true, count: labels.count)
        for row in rows {
            let decision = decisions[row]
            predicted[row] = predict(decision, thresholds: thresholds)
            if decision.heldOutRoute >= 0 { heldOutRejected[row] = decision.heldOutScore >= thresholds[decision.heldOutRoute] }
        }
        return score(predicted: predicted, heldOutRejected: heldOutRejected, rows: rows)
    }

    /// In-scope accuracy, no-route recall (of real out-of-scope examples and of
    /// held-out routes) and the expected accuracy they make at the objective's share.
    func score(predicted: [Int], heldOutRejected: [Bool], rows: [Int]) -> Score {
        var inScope = 0, inScopeRight = 0, noRoute = 0, noRouteRight = 0, heldOutRight = 0
        for row in rows {
            if labels[row] < 0 {
                noRoute += 1
                if predicted[row] < 0 { noRouteRight += 1 }
            } else {
                inScope += 1
                if predicted[row] == labels[row] { inScopeRight += 1 }
                if heldOutRejected[row] { heldOutRight += 1 }
            }
        }
        let inScopeAccuracy = inScope == 0 ? 1 : Double(inScopeRight) / Double(inScope)
        let recall = noRoute == 0 ? 1 : Double(noRouteRight) / Double(noRoute)
        let heldOut = inScope == 0 ? 1 : Double(heldOutRight) / Double(inScope)
        let share = noRouteShare, evidence = noRouteEvidence
        return Score(
            expectedAccuracy: (1 - share) * inScopeAccuracy + share * (evidence * recall + (1 - evidence) * heldOut),
            inScopeAccuracy: inScopeAccuracy, noRouteRecall: recall, heldOutRouteRecall: heldOut
        )
    }

    /// Thresholds fitted on `rows` for the best range: one shared threshold, or
    /// one per route (ties going to the shared one). For range-dependent
    /// methods the largest threshold is the range, as RedisVL's query makes it.
    func fitThresholds(_ set: DecisionSet, rows: [Int], perRoute: Bool) -> (thresholds: [Double], range: Double) {
        let weights = self.weights
        let rangeDependent = set.method.dependsOnRange
        var best: (thresholds: [Double], range: Double, value: Double)?
        for (range, decisions) in zip(set.ranges, set.byRange) {
            // Per example: (route, score, gain if accepted, gain if rejected).
            var items: [(route: Int, score: Double, accept: Double, reject: Double)] = []
            var fixed = 0.0
            for row in rows {
                let decision = decisions[row], label = labels[row]
                let weight = label < 0 ? weights.noRoute : weights.inScope
                if label >= 0, weights.heldOutRoute > 0 {
                    // The example with its own route held out must match no route.
                    if decision.heldOutRoute >= 0 {
                        items.append((decision.heldOutRoute, decision.heldOutScore, 0, weights.heldOutRoute))
                    } else {
                        fixed += weights.heldOutRoute
                    }
                }
                guard decision.route >= 0 else {
                    if label < 0 { fixed += weight }
                    continue
                }
                items.append((decision.route, decision.score, decision.route == label ? weight : 0, label < 0 ? weight : 0))
            }
            let limit = range
            var thresholds: [Double]
            let prefer = set.method == .softmax ? 0.5 : Swift.min(0.5, limit)
            if rangeDependent, !perRoute {
                thresholds = Array(repeating: range, count: routeCount)
            } else {
                let shared = Self.bestThreshold(items.map { (score: $0.score, accept: $0.accept, reject: $0.reject) }, limit: limit, prefer: prefer).threshold
                if perRoute {
                    var byRoute = [[Gain]](repeating: [], count: routeCount)
                    for item in items { byRoute[item.route].append((score: item.score, accept: item.accept, reject: item.reject)) }
                    thresholds = byRoute.map { Self.bestThreshold($0, limit: limit, prefer: shared).threshold }
                    if rangeDependent, thresholds.max()! < range {
                        // The range is the largest threshold: raise the route for which that costs least.
                        let costs = byRoute.enumerated().map { route, entries in
                            Self.value(entries, threshold: thresholds[route]) - Self.value(entries, threshold: range)
                        }
                        thresholds[costs.indices.min { costs[$0] < costs[$1] }!] = range
                    }
                } else {
                    thresholds = Array(repeating: shared, count: routeCount)
                }
            }
            let value = fixed + items.reduce(0.0) { $0 + ($1.score < thresholds[$1.route] ? $1.accept : $1.reject) }
            if best == nil || value > best!.value + 1e-12 { best = (thresholds, range, value) }
        }
        return (best!.thresholds, best!.range)
    }

    /// What accepting or rejecting one example earns under the objective.
    typealias Gain = (score: Double, accept: Double, reject: Double)

    static func value(_ entries: [Gain], threshold: Double) -> Double {
        entries.reduce(0.0) { $0 + ($1.score < threshold ? $1.accept : $1.reject) }
    }

    /// The threshold in (0, `limit`] maximising the gains (accept when score <
    /// threshold), found exactly by one sweep over the midpoints between
    /// consecutive scores; ties go to the candidate nearest `prefer`.
    static func bestThreshold(_ entries: [Gain], limit: Double, prefer: Double) -> (threshold: Double, value: Double) {
        let sorted = entries.sorted { $0.score < $1.score }
        guard !sorted.isEmpty else { return (Swift.min(prefer, limit), 0) }
        var candidates: [Double] = [Swift.max(1e-6, sorted[0].score / 2), Swift.min(prefer, limit)]
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.score > a.score { candidates.append((a.score + b.score) / 2) }
        candidates.append(Swift.min(limit, sorted.last!.score + 0.02))
        candidates = candidates.filter { $0 > 0 && $0 <= limit }.sorted()
        var value = sorted.reduce(0.0) { $0 + $1.reject }
        var next = 0
        var best = (threshold: Swift.min(prefer, limit), value: -Double.infinity)
        for candidate in candidates {
            while next < sorted.count, sorted[next].score < candidate {
                value += sorted[next].accept - sorted[next].reject
                next += 1
            }
            if value > best.value + 1e-12 || (abs(value - best.value) <= 1e-12 && abs(candidate - prefer) < abs(best.threshold - prefer)) {
                best = (candidate, value)
            }
        }
        return best
    }
}
