@testable import JunctionRouter
import Testing

/// RedisVL's routing semantics end to end: texts embedded by the fake
/// embedder, distances from the index, the rule from `RouteScorer`.
@Suite struct SemanticRouterRoutingTests {
    /// Route a: references at 0.1, 0.3 and 0.7 (beyond the range 0.5); route b: one at 0.45.
    static let aggregationScene = Scene([
        ("a", 0.5, [("a1", 0.1), ("a2", 0.3), ("a3", 0.7)]),
        ("b", 0.3, [("b1", 0.45)]),
    ])

    @Test func routeReturnsTheNearestRouteUnderItsOwnThreshold() async throws {
        let router = try await Scene([
            ("far", 0.9, [("f1", 0.8), ("f2", 0.85)]),
            ("near", 0.5, [("n1", 0.2), ("n2", 0.25)]),
            ("other", 0.5, [("o1", 0.4)]),
        ]).router()
        let match = try #require(try await router.route("query"))
        #expect(match.name == "near")
        #expect(close(match.distance, 0.225))
    }

    @Test func routeReturnsNilWhenNothingIsInRange() async throws {
        let router = try await Self.aggregationScene.router()
        #expect(try await router.route("far") == nil)
        #expect(try await router.routeMany("far", maxK: 5).isEmpty)
    }

    @Test(arguments: [(DistanceAggregation.avg, 0.2), (.min, 0.1), (.sum, 0.4)])
    func aggregationMethodGivesTheDocumentedDistance(method: DistanceAggregation, expected: Double) async throws {
        let configured = try await Scene(
            [("a", 0.5, [("a1", 0.1), ("a2", 0.3), ("a3", 0.7)]), ("b", 0.3, [("b1", 0.45)])],
            config: RoutingConfig(aggregationMethod: method)
        ).router()
        let match = try #require(try await configured.route("query"))
        #expect(match.name == "a")
        #expect(close(match.distance, expected), "\(method): \(match.distance)")
        // The per-call override gives the same.
        let overridden = try await Self.aggregationScene.router().routeMany(vector: Plane.query, aggregation: method)
        #expect(overridden.map(\.name) == ["a"])
        #expect(close(overridden[0].distance, expected))
    }

    @Test func referenceBeyondItsRoutesThresholdButWithinTheLargestCountsInTheAverage() async throws {
        let router = try await Scene([
            ("a", 0.4, [("a1", 0.1), ("a2", 0.6)]),
            ("b", 0.8, [("b1", 0.75)]),
        ]).router()
        let match = try #require(try await router.route("query"))
        #expect(match.name == "a")
        #expect(close(match.distance, 0.35))
    }

    @Test func distanceEqualToTheThresholdDoesNotMatch() async throws {
        // (0, 1) is exactly orthogonal to the query (1, 0): distance exactly 1.
        let table: [String: [Float]] = ["query": [1, 0], "up": [0, 1]]
        func router(threshold: Double) async throws -> SemanticRouter {
            let definition = RouterDefinition(
                name: "edge", routes: [Route(name: "up", references: ["up"], distanceThreshold: threshold)],
                vectorizer: VectorizerDescription(model: "fake/model")
            )
            return try await SemanticRouter(definition: definition, embedder: FakeEmbedder(table: table))
        }
        #expect(try await router(threshold: 1).route("query") == nil)
        #expect(try await router(threshold: 1.0000001).route("query") == RouteMatch(name: "up", distance: 1))
    }

    @Test func nearestRouteFailingItsThresholdMeansNoMatchWithMaxKOne() async throws {
        let router = try await Scene([
            ("strict", 0.1, [("s1", 0.2)]),
            ("loose", 0.9, [("l1", 0.4)]),
        ]).router()
        #expect(try await router.route("query") == nil)
        let two = try await router.routeMany("query", maxK: 2)
        #expect(two.map(\.name) == ["loose"])
    }

    @Test func routeManyReturnsUpToMaxKNearestFirstFilteredAfterTheCut() async throws {
        let scene = Scene(
            [
                ("c", 0.5, [("c1", 0.4)]),
                ("a", 0.15, [("a1", 0.2)]),
                ("b", 0.5, [("b1", 0.3)]),
                ("d", 0.5, [("d1", 0.45)]),
            ],
            config: RoutingConfig(maxK: 3, aggregationMethod: .avg)
        )
        let router = try await scene.router()
        #expect(try await router.routeMany("query").map(\.name) == ["b", "c"])
        #expect(try await router.routeMany("query", maxK: 2).map(\.name) == ["b"])
        let all = try await router.routeMany("query", maxK: 4)
        #expect(all.map(\.name) == ["b", "c", "d"])
        #expect(zip(all.map(\.distance), [0.3, 0.4, 0.45]).allSatisfy { close($0, $1) })
    }

    @Test func equalDistancesKeepRouterOrder() async throws {
        let router = try await Scene([
            ("zeta", 0.5, [("z1", 0.25)]),
            ("alpha", 0.5, [("a1", 0.25)]),
        ]).router()
        // Mirror-image references: the same distance to the query, bit for bit.
        #expect(try await router.routeMany("query", maxK: 2).map(\.name) == ["zeta", "alpha"])
        #expect(try await router.route("query")?.name == "zeta")
    }

    @Test func nearest3UsesTheThreeNearestReferencesRegardlessOfRange() async throws {
        let router = try await Scene([
            ("a", 0.5, [("a1", 0.1), ("a2", 0.6), ("a3", 0.7), ("a4", 1.5)]),
            ("b", 0.3, [("b1", 1.2)]),
        ]).router()
        let matches = try router.routeMany(vector: Plane.query, maxK: 2, aggregation: .nearest3)
        #expect(matches.map(\.name) == ["a"])
        #expect(close(matches[0].distance, 1.4 / 3))
        // Same references under avg: only a1 is in range.
        let avg = try router.routeMany(vector: Plane.query, maxK: 2, aggregation: .avg)
        #expect(close(avg[0].distance, 0.1))
    }

    @Test func routeManyWithAWrongDimensionThrowsRouterError() async throws {
        let router = try await Self.aggregationScene.router()
        let error = try #require(throws: RouterError.self) { try router.routeMany(vector: [1, 0, 0]) }
        #expect(error.code == "invalid_vector")
        #expect(try #require(throws: RouterError.self) { try router.route(vector: [0, 0]) }.code == "invalid_vector")
        #expect(try #require(throws: RouterError.self) { try router.referenceDistances(vector: [1]) }.code == "invalid_vector")
    }

    @Test func routeManyWithMaxKZeroThrows() async throws {
        let router = try await Self.aggregationScene.router()
        let error = try #require(throws: RouterError.self) { try router.routeMany(vector: Plane.query, maxK: 0) }
        #expect(error.code == "invalid_routing_config")
        #expect(error.message.contains("max_k"))
    }

    @Test func referenceDistancesPairEachReferenceWithItsRoutePosition() async throws {
        let router = try await Self.aggregationScene.router()
        let pairs = try router.referenceDistances(vector: Plane.query)
        #expect(pairs.map(\.route) == [0, 0, 0, 1])
        #expect(zip(pairs.map { Double($0.distance) }, [0.1, 0.3, 0.7, 0.45]).allSatisfy { close($0, $1) })
        #expect(router.referenceCount == 4)
    }
}

extension SemanticRouterRoutingTests {
    /// `routeMany` scores only the references the half-precision scan cannot
    /// rule out; the answer must equal the routing rule over every exact distance.
    @Test(arguments: DistanceAggregation.allCases.filter { $0.aggregatesReferences })
    func routeManyEqualsTheRuleOverAllExactDistances(method: DistanceAggregation) async throws {
        var generator = SeededGenerator(seed: 77)
        let dimension = 16
        for trial in 0..<25 {
            var table: [String: [Float]] = [:]
            var routes: [Route] = []
            for route in 0..<Int.random(in: 1...5, using: &generator) {
                var references: [String] = []
                for i in 0..<Int.random(in: 1...6, using: &generator) {
                    let text = "t\(trial)-r\(route)-\(i)"
                    table[text] = (0..<dimension).map { _ in Float.random(in: -1...1, using: &generator) }
                    references.append(text)
                }
                routes.append(Route(name: "route\(route)", references: references, distanceThreshold: Double.random(in: 0.5...1.3, using: &generator)))
            }
            let definition = RouterDefinition(name: "random", routes: routes, vectorizer: VectorizerDescription(model: "fake/model"))
            let router = try await SemanticRouter(definition: definition, embedder: FakeEmbedder(dimension: dimension, table: table))
            let scorer = RouteScorer(routes: routes.map { ($0.name, $0.distanceThreshold) })
            let vectors = Array(table.values)
            for _ in 0..<20 {
                // Queries near a reference as well as random ones, so distances straddle the thresholds.
                let base = vectors.randomElement(using: &generator)!
                let noise = Float.random(in: 0...2, using: &generator)
                let query = base.map { $0 + noise * Float.random(in: -1...1, using: &generator) }
                let maxK = Int.random(in: 1...3, using: &generator)
                let expected = scorer.matches(try router.referenceDistances(vector: query), aggregation: method, maxK: maxK)
                #expect(try router.routeMany(vector: query, maxK: maxK, aggregation: method) == expected)
            }
        }
    }
}
