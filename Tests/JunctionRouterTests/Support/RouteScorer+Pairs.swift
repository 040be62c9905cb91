@testable import JunctionRouter

extension RouteScorer {
    /// `matches` for (route position, distance) pairs.
    func matches(_ pairs: [(route: Int, distance: Float)], aggregation: DistanceAggregation, maxK: Int) -> [RouteMatch] {
        matches(tags: pairs.map(\.route), distances: pairs.map(\.distance), aggregation: aggregation, maxK: maxK)
    }

    /// `ranked` for (route position, distance) pairs.
    func ranked(_ pairs: [(route: Int, distance: Float)], aggregation: DistanceAggregation) -> [(route: Int, distance: Double)] {
        ranked(tags: pairs.map(\.route), distances: pairs.map(\.distance), aggregation: aggregation)
    }
}
