import Foundation
import JunctionRouter

/// What `junction eval` prints: scores at the data's mix and at an expected
/// no-route share, the threshold curve and the confidence's calibration.
struct EvalReport {
    /// One point of the threshold curve.
    struct CurvePoint {
        var shift: Double
        var expected: Double
        var inScope: Double
        var noRouteRecall: Double
        var noRoutePrecision: Double
    }

    /// How far the confidence is from the observed accuracy.
    struct Calibration {
        /// Mean confidence.
        var meanConfidence: Double
        /// Share of decisions that were right.
        var accuracy: Double
        /// Expected calibration error over 10 equal-width bins.
        var error: Double
    }

    var evaluation: RouterEvaluation
    var share: Double
    var curve: [CurvePoint]
    var calibration: Calibration?

    /// Accuracy as every route's threshold moves by `shift` (in the threshold's units).
    static func curve(_ decisions: [RouteDecision], labels: [String?], routes: [String], share: Double) -> [CurvePoint] {
        stride(from: -0.2, through: 0.2001, by: 0.025).map { shift in
            let predictions = decisions.map { decision -> String? in
                guard let score = decision.score, let threshold = decision.threshold, score < threshold + shift else { return nil }
                return decision.nearest?.name
            }
            let evaluation = RouterEvaluation(labels: labels, predictions: predictions, routeNames: routes)
            return CurvePoint(
                shift: shift, expected: evaluation.expectedAccuracy(noRouteShare: share), inScope: evaluation.inScopeAccuracy,
                noRouteRecall: evaluation.noRoute.recall, noRoutePrecision: evaluation.noRoutePrecision(noRouteShare: share)
            )
        }
    }

    /// Calibration of the decisions' confidence against whether they were right; nil without confidence.
    static func calibration(_ decisions: [RouteDecision], labels: [String?]) -> Calibration? {
        let pairs = zip(decisions, labels).compactMap { decision, label in
            decision.confidence.map { ($0, decision.match?.name == label) }
        }
        guard !pairs.isEmpty else { return nil }
        var confidenceSums = [Double](repeating: 0, count: 10)
        var rightCounts = [Double](repeating: 0, count: 10)
        for (confidence, right) in pairs {
            let bin = min(9, Int(confidence * 10))
            confidenceSums[bin] += confidence
            rightCounts[bin] += right ? 1 : 0
        }
        // Per bin |sum of confidences - number right|, over all decisions: the weighted mean gap.
        var error = 0.0
        for bin in 0..<10 { error += abs(confidenceSums[bin] - rightCounts[bin]) }
        error /= Double(pairs.count)
        return Calibration(
            meanConfidence: pairs.map(\.0).reduce(0, +) / Double(pairs.count),
            accuracy: Double(pairs.filter(\.1).count) / Double(pairs.count), error: error
        )
    }

    func json(confusions limit: Int) throws -> String {
        func score(_ s: RouterEvaluation.ClassScore) -> [String: Any] {
            ["precision": s.precision, "recall": s.recall, "f1": s.f1, "support": s.support]
        }
        var object: [String: Any] = [
            "examples": evaluation.total,
            "accuracy": evaluation.accuracy,
            "in_scope_accuracy": evaluation.inScopeAccuracy,
            "data_no_route_share": evaluation.noRouteShare,
            "no_route_share": share,
            "expected_accuracy": evaluation.expectedAccuracy(noRouteShare: share),
            "no_route_precision": evaluation.noRoute.precision,
            "no_route_precision_at_share": evaluation.noRoutePrecision(noRouteShare: share),
            "no_route_recall": evaluation.noRoute.recall,
            "no_route_support": evaluation.noRoute.support,
            "per_route": evaluation.perRoute.mapValues(score),
            "confusions": evaluation.confusions(limit: limit).map {
                ["expected": $0.expected ?? NSNull(), "predicted": $0.predicted ?? NSNull(), "count": $0.count] as [String: Any]
            },
        ]
        if let calibration {
            object["confidence"] = ["mean": calibration.meanConfidence, "accuracy": calibration.accuracy, "calibration_error": calibration.error]
        }
        if !curve.isEmpty {
            object["curve"] = curve.map {
                ["shift": $0.shift, "expected_accuracy": $0.expected, "in_scope_accuracy": $0.inScope,
                 "no_route_recall": $0.noRouteRecall, "no_route_precision": $0.noRoutePrecision]
            }
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    func table(routes: [String], confusions limit: Int) -> String {
        func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
        var out = "accuracy \(percent(evaluation.accuracy)) (\(evaluation.correct)/\(evaluation.total)) at the data's mix "
            + "(\(percent(evaluation.noRouteShare)) out of scope)\n"
        out += "expected accuracy \(percent(evaluation.expectedAccuracy(noRouteShare: share))) on traffic \(percent(share)) out of scope; "
            + "in-scope accuracy \(percent(evaluation.inScopeAccuracy))\n"
        out += "no route (out of scope): precision \(percent(evaluation.noRoute.precision)) (\(percent(evaluation.noRoutePrecision(noRouteShare: share))) at that mix), "
            + "recall \(percent(evaluation.noRoute.recall)), \(evaluation.noRoute.support) examples\n"
        if let calibration {
            out += "confidence: mean \(percent(calibration.meanConfidence)) against \(percent(calibration.accuracy)) right, "
                + "calibration error \(percent(calibration.error))\n"
        }
        out += "\n"
        var table = TextTable(header: ["route", "precision", "recall", "f1", "support"])
        for name in routes {
            let s = evaluation.perRoute[name] ?? RouterEvaluation.ClassScore()
            table.add([name, percent(s.precision), percent(s.recall), percent(s.f1), "\(s.support)"])
        }
        out += table.render() + "\n"
        let mistakes = evaluation.confusions(limit: limit)
        if !mistakes.isEmpty {
            var confusion = TextTable(header: ["expected", "predicted", "count"])
            for m in mistakes { confusion.add([m.expected ?? "(no route)", m.predicted ?? "(no route)", "\(m.count)"]) }
            out += "\nmost frequent confusions\n" + confusion.render() + "\n"
        }
        if !curve.isEmpty {
            var table = TextTable(header: ["threshold shift", "expected", "in-scope", "no-route recall", "no-route precision"])
            for point in curve {
                table.add([String(format: "%+.3f", point.shift), percent(point.expected), percent(point.inScope), percent(point.noRouteRecall), percent(point.noRoutePrecision)])
            }
            out += "\nthreshold curve (every threshold moved by the shift; +0.000 is the router as written)\n" + table.render() + "\n"
        }
        return out
    }
}
