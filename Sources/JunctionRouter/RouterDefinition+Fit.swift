extension RouterDefinition {
    /// This router with a fit applied: the chosen method, thresholds (rounded to
    /// 1e-4), the learned scorer, the confidence calibration, and the texts of
    /// `examples` the fit added as references to their routes.
    public func applying(_ fit: RouteFitter.Result, examples: [LabeledExample]) -> RouterDefinition {
        var fitted = self
        fitted.routingConfig.aggregationMethod = fit.chosen.method
        fitted.routingConfig.confidence = fit.confidence
        fitted.routingConfig.softmax = nil
        for position in fitted.routes.indices {
            if fit.chosen.method != .softmax {
                fitted.routes[position].distanceThreshold = Swift.min(2, Swift.max(1e-4, (fit.thresholds[position] * 10_000).rounded() / 10_000))
            }
            var present = Set(fitted.routes[position].references)
            for row in fit.addedReferences[position] where present.insert(examples[row].text).inserted {
                fitted.routes[position].references.append(examples[row].text)
            }
        }
        if let rows = fit.softmax {
            fitted.routingConfig.softmax = SoftmaxScorer(routes: zip(routes, rows).map { route, row in
                .init(name: route.name, weights: row.weights, bias: row.bias, minProbability: (row.minProbability * 10_000).rounded() / 10_000)
            })
        }
        return fitted
    }
}
