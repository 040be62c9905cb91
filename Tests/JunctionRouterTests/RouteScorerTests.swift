@testable import JunctionRouter
import Testing

/// RedisVL's routing rule on distances given exactly (see `RouteScorer`).
@Suite struct RouteScorerTests {
    /// Route a: references at 0.1 and 0.3 and one at 0.7, beyond the range (the largest threshold, 0.5).
    static let scorer = RouteScorer(routes: [("a", 0.5), ("b", 0.45)])
    static let distances: [(route: Int, distance: Float)] = [(0, 0.1), (1, 0.45), (0, 0.7), (0, 0.3)]

    @Test(arguments: [(DistanceAggregation.avg, 0.2), (.min, 0.1), (.sum, 0.4)])
    func aggregationOverReferencesInRange(method: DistanceAggregation, expected: Double) throws {
        let ranked = Self.scorer.ranked(Self.distances, aggregation: method)
        let a = try #require(ranked.first { $0.route == 0 })
        #expect(close(a.distance, expected), "\(method): \(a.distance)")
        let match = try #require(Self.scorer.matches(Self.distances, aggregation: method, maxK: 1).first)
        #expect(match.name == "a")
        #expect(close(match.distance, expected))
    }

    @Test func rangeIsTheLargestThresholdOfAllRoutes() throws {
        // 0.5 is beyond route a's own threshold (0.2) but within b's (0.8), so it counts in a's average.
        let scorer = RouteScorer(routes: [("a", 0.2), ("b", 0.8)])
        let distances: [(route: Int, distance: Float)] = [(0, 0.1), (0, 0.5), (1, 0.9)]
        let ranked = scorer.ranked(distances, aggregation: .avg)
        #expect(ranked.count == 1)
        #expect(ranked[0].route == 0)
        #expect(close(ranked[0].distance, 0.3))
        #expect(scorer.matches(distances, aggregation: .avg, maxK: 1).isEmpty)
        // Alone, route a's range is its own threshold and the 0.5 reference no longer counts.
        let alone = RouteScorer(routes: [("a", 0.2)]).matches([(0, 0.1), (0, 0.5)], aggregation: .avg, maxK: 1)
        #expect(alone.count == 1)
        #expect(close(alone[0].distance, 0.1))
    }

    @Test func rangeIsInclusive() {
        let scorer = RouteScorer(routes: [("a", 0.5), ("b", 0.25)])
        let ranked = scorer.ranked([(0, 0.1), (0, 0.5), (1, 0.5000001)], aggregation: .avg)
        #expect(ranked.map(\.route) == [0])
        #expect(close(ranked[0].distance, 0.3))
    }

    @Test func routeMatchesOnlyStrictlyBelowItsThreshold() {
        let distances: [(route: Int, distance: Float)] = [(0, 0.25)]
        #expect(RouteScorer(routes: [("a", 0.25)]).matches(distances, aggregation: .min, maxK: 1).isEmpty)
        #expect(RouteScorer(routes: [("a", 0.25)]).ranked(distances, aggregation: .min).count == 1)
        #expect(RouteScorer(routes: [("a", 0.2500001)]).matches(distances, aggregation: .min, maxK: 1) == [RouteMatch(name: "a", distance: 0.25)])
    }

    @Test func nothingInRangeMeansNoMatch() {
        let scorer = RouteScorer(routes: [("a", 0.3), ("b", 0.4)])
        let distances: [(route: Int, distance: Float)] = [(0, 0.41), (1, 0.9), (1, 1.5)]
        for method in DistanceAggregation.redisVL {
            #expect(scorer.ranked(distances, aggregation: method).isEmpty)
            #expect(scorer.matches(distances, aggregation: method, maxK: 3).isEmpty)
        }
    }

    @Test func nearestRouteFailingItsOwnThresholdHidesAFartherPassingRouteWhenMaxKIsOne() {
        // RedisVL sorts, cuts at max_k, then filters by each route's threshold.
        let scorer = RouteScorer(routes: [("strict", 0.1), ("loose", 0.9)])
        let distances: [(route: Int, distance: Float)] = [(0, 0.2), (1, 0.4)]
        #expect(scorer.matches(distances, aggregation: .avg, maxK: 1).isEmpty)
        #expect(scorer.matches(distances, aggregation: .avg, maxK: 2).map(\.name) == ["loose"])
    }

    @Test func routeManyCutsAtMaxKBeforeFiltering() {
        let scorer = RouteScorer(routes: [("c", 0.5), ("a", 0.15), ("b", 0.5), ("d", 0.5)])
        let distances: [(route: Int, distance: Float)] = [(0, 0.4), (1, 0.2), (2, 0.3), (3, 0.45)]
        #expect(scorer.matches(distances, aggregation: .min, maxK: 2).map(\.name) == ["b"])
        #expect(scorer.matches(distances, aggregation: .min, maxK: 3).map(\.name) == ["b", "c"])
        #expect(scorer.matches(distances, aggregation: .min, maxK: 10).map(\.name) == ["b", "c", "d"])
    }

    @Test func equalDistancesKeepRouterOrder() {
        let scorer = RouteScorer(routes: [("zeta", 0.5), ("alpha", 0.5), ("mid", 0.5)])
        let distances: [(route: Int, distance: Float)] = [(2, 0.25), (1, 0.25), (0, 0.25)]
        for method in DistanceAggregation.allCases where method.aggregatesReferences {
            #expect(scorer.matches(distances, aggregation: method, maxK: 3).map(\.name) == ["zeta", "alpha", "mid"])
            #expect(scorer.matches(distances, aggregation: method, maxK: 1).map(\.name) == ["zeta"])
        }
    }

    @Test func nearest3AveragesTheThreeNearestReferencesWhetherOrNotInRange() throws {
        let scorer = RouteScorer(routes: [("a", 0.5), ("b", 0.5), ("c", 0.5)])
        let distances: [(route: Int, distance: Float)] = [
            (0, 0.7), (0, 0.1), (0, 1.9), (0, 0.6),  // a: mean of 0.1, 0.6, 0.7
            (1, 0.2), (1, 0.4),                      // b: only two references
            (2, 1.25),                               // c: out of range, still ranked
        ]
        let ranked = scorer.ranked(distances, aggregation: .nearest3)
        #expect(ranked.map(\.route) == [1, 0, 2])
        #expect(close(ranked[0].distance, 0.3))
        #expect(close(ranked[1].distance, 1.4 / 3))
        #expect(close(ranked[2].distance, 1.25))
        #expect(scorer.matches(distances, aggregation: .nearest3, maxK: 3).map(\.name) == ["b", "a"])
        // avg over the range sees a at 0.1 only, c not at all.
        #expect(scorer.ranked(distances, aggregation: .avg).map(\.route) == [0, 1])
    }

    @Test func noRoutesMeansNoMatch() {
        #expect(RouteScorer(routes: []).matches([], aggregation: .avg, maxK: 1).isEmpty)
    }

    @Test func redisVLMethodsAreAvgMinSum() {
        #expect(DistanceAggregation.redisVL == [.avg, .min, .sum])
        #expect(!DistanceAggregation.nearest3.isRedisVLCompatible)
        #expect(DistanceAggregation.nearest3.rawValue == "nearest_3")
    }
}
