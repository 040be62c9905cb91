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
struct RouteScorer: Sendable {
    /// Route names and thresholds, in router order.
    let routes: [(name: String, threshold: Double)]
    /// The search range: the largest threshold.
    let range: Double

    init(routes: [(name: String, threshold: Double)]) {
        self.routes = routes
        range = routes.map(\.threshold).max() ?? 0
    }

    /// Positions of the references whose exact distance can change the result,
    /// given approximate distances within `bound` of the exact ones: those
    /// possibly in range, or (for `nearest_3`) possibly among a route's 3 nearest.
    func candidates(tags: [Int], approximate: [Float], aggregation: DistanceAggregation, bound: Float) -> [Int] {
        if aggregation != .nearest3 {
            let limit = Float(range) + bound
            return approximate.indices.filter { approximate[$0] <= limit }
        }
        var third = [Float](repeating: .infinity, count: routes.count * 3)
        for i in approximate.indices {
            var value = approximate[i]
            for slot in (tags[i] * 3)..<(tags[i] * 3 + 3) where value < third[slot] { swap(&value, &third[slot]) }
        }
        return approximate.indices.filter { approximate[$0] <= third[tags[$0] * 3 + 2] + 2 * bound }
    }

    /// Matches for reference distances, given as each reference's route position (`tags`) and distance.
    func matches(tags: [Int], distances: [Float], aggregation: DistanceAggregation, maxK: Int) -> [RouteMatch] {
        ranked(tags: tags, distances: distances, aggregation: aggregation)
            .prefix(maxK)
            .filter { $0.distance < routes[$0.route].threshold }
            .map { RouteMatch(name: routes[$0.route].name, distance: $0.distance) }
    }

    /// Steps 1-3 without the cut at `maxK`: every route with references in
    /// range and its aggregated distance, nearest first (ties in router order).
    func ranked(tags: [Int], distances: [Float], aggregation: DistanceAggregation) -> [(route: Int, distance: Double)] {
        let count = routes.count
        guard count > 0 else { return [] }
        var sums = [Double](repeating: 0, count: count)
        var counts = [Int](repeating: 0, count: count)
        var minimums = [Float](repeating: .infinity, count: count)
        // nearest_3 keeps each route's three smallest distances, ascending.
        var nearest = aggregation == .nearest3 ? [Float](repeating: .infinity, count: count * 3) : []
        for i in distances.indices {
            let route = tags[i], distance = distances[i]
            if aggregation == .nearest3 {
                counts[route] += 1
                var value = distance
                for slot in (route * 3)..<(route * 3 + 3) where value < nearest[slot] {
                    swap(&value, &nearest[slot])
                }
            } else if Double(distance) <= range {
                sums[route] += Double(distance)
                counts[route] += 1
                minimums[route] = Swift.min(minimums[route], distance)
            }
        }
        var aggregated: [(route: Int, distance: Double)] = []
        for route in 0..<count where counts[route] > 0 {
            let value: Double
            switch aggregation {
            case .avg: value = sums[route] / Double(counts[route])
            case .min: value = Double(minimums[route])
            case .sum: value = sums[route]
            case .nearest3:
                let used = Swift.min(3, counts[route])
                value = nearest[(route * 3)..<(route * 3 + used)].reduce(0.0) { $0 + Double($1) } / Double(used)
            case .centroid, .softmax:
                preconditionFailure("\(aggregation.rawValue) scores routes from route vectors, not reference distances")
            }
            aggregated.append((route, value))
        }
        // Stable: equal distances keep router order.
        return aggregated.enumerated()
            .sorted { $0.element.distance != $1.element.distance ? $0.element.distance < $1.element.distance : $0.offset < $1.offset }
            .map(\.element)
    }
}
