extension RouterEvaluation {
    /// Share of in-scope examples routed to their route (1 when there are none).
    public var inScopeAccuracy: Double {
        let inScope = total - noRoute.support
        return inScope == 0 ? 1 : Double(correct - noRoute.truePositives) / Double(inScope)
    }

    /// The data's own share of no-route examples.
    public var noRouteShare: Double { total == 0 ? 0 : Double(noRoute.support) / Double(total) }

    /// Accuracy expected on traffic of which a share `share` should match no route:
    /// `(1 - share) × in-scope accuracy + share × no-route recall`.
    public func expectedAccuracy(noRouteShare share: Double) -> Double {
        (1 - share) * inScopeAccuracy + share * noRoute.recall
    }

    /// Precision of "no route" on traffic of that mix: in-scope examples wrongly
    /// rejected weigh as `1 - share` of traffic, rejected no-route ones as `share`.
    public func noRoutePrecision(noRouteShare share: Double) -> Double {
        let inScope = total - noRoute.support
        let wronglyRejected = noRoute.predicted - noRoute.truePositives
        let right = noRoute.support == 0 ? 0 : share * Double(noRoute.truePositives) / Double(noRoute.support)
        let wrong = inScope == 0 ? 0 : (1 - share) * Double(wronglyRejected) / Double(inScope)
        return right + wrong == 0 ? 1 : right / (right + wrong)
    }
}
