/// RedisVL's routing rule, as the FT.AGGREGATE query it sends computes it:
///
/// 1. take every reference within the largest route threshold (VECTOR_RANGE,
///    inclusive);
/// 2. group by route and aggregate their distances (`avg`, `min`, `sum`);
/// 3. sort ascending and keep the first `maxK` (`SORTBY ... MAX k`);
/// 4. then keep only routes whose aggregate is strictly below their own
///    threshold (`FILTER`).
///
/// Step 4 after step 3 is RedisVL's behaviour: with `maxK` 1, when the nearest
/// route fails its own threshold the result is no match, even if a farther
/// route would pass its looser one. Equal distances keep the routes' order in
/// the router. The `nearest_3` extension aggregates a route's 3 nearest
/// references whether or not they are in range.
struct RouteScorer {
    /// Route names and thresholds, in router order.
    let routes: [(name: String, threshold: Double)]

    /// Matches for reference distances given as (route index, distance) pairs.
    func matches(_ distances: [(route: Int, distance: Float)], aggregation: DistanceAggregation, maxK: Int) -> [RouteMatch] {
        ranked(distances, aggregation: aggregation)
            .prefix(maxK)
            .filter { $0.distance < routes[$0.route].threshold }
            .map { RouteMatch(name: routes[$0.route].name, distance: $0.distance) }
    }

    /// Steps 1-3 without the cut at `maxK`: every route with references in
    /// range and its aggregated distance, nearest first (ties in router order).
    func ranked(_ distances: [(route: Int, distance: Float)], aggregation: DistanceAggregation) -> [(route: Int, distance: Double)] {
        guard !routes.isEmpty else { return [] }
        let range = routes.map(\.threshold).max() ?? 0
        var perRoute = [[Float]](repeating: [], count: routes.count)
        for (route, distance) in distances where aggregation == .nearest3 || Double(distance) <= range {
            perRoute[route].append(distance)
        }
        var aggregated: [(route: Int, distance: Double)] = []
        for (route, values) in perRoute.enumerated() where !values.isEmpty {
            aggregated.append((route, Self.aggregate(values, aggregation)))
        }
        return aggregated.enumerated()
            .sorted { $0.element.distance != $1.element.distance ? $0.element.distance < $1.element.distance : $0.offset < $1.offset }
            .map(\.element)
    }

    static func aggregate(_ values: [Float], _ aggregation: DistanceAggregation) -> Double {
        switch aggregation {
        case .avg: return values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
        case .min: return Double(values.min()!)
        case .sum: return values.reduce(0.0) { $0 + Double($1) }
        case .nearest3:
            let nearest = values.sorted().prefix(3)
            return nearest.reduce(0.0) { $0 + Double($1) } / Double(nearest.count)
        }
    }
}
