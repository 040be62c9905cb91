import Foundation
@testable import JunctionRouter
import Testing

@Suite struct SoftmaxScorerTests {
    @Test func trainingSeparatesRoutesTheCentroidsConfuse() {
        // Route 0's examples lean towards route 1's centroid; the centroid rule
        // gets them wrong, the trained weights get them right.
        let d = 3
        var vectors: [Float] = [], labels: [Int] = []
        func add(_ v: [Float], _ label: Int) {
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            vectors += v.map { $0 / norm }
            labels.append(label)
        }
        for i in 0..<20 {
            let t = Float(i) / 20
            add([1, 0.9 + 0.1 * t, 0.3], 0)
            add([1, 1.3 + 0.3 * t, -0.3], 1)
            add([0, 0.2 * t, 1], 2)
        }
        let model = SoftmaxTrainer(iterations: 300).train(vectors: vectors, labels: labels, routeCount: 3, dimension: d)
        let p = SoftmaxTrainer.probabilities(vectors: vectors, rows: labels.count, weights: model.weights, bias: model.bias, dimension: d)
        let predicted = labels.indices.map { row in (0..<3).max { p[row * 3 + $0] < p[row * 3 + $1] }! }
        #expect(predicted == labels)
        for row in labels.indices { #expect(abs((0..<3).reduce(0) { $0 + p[row * 3 + $1] } - 1) < 1e-4) }
    }

    @Test func weightsRoundTripThroughJSONAndYAMLAsBase64() throws {
        let scorer = SoftmaxScorer(routes: [
            .init(name: "a", weights: [0.5, -1.25, 3e-8, .pi], bias: -0.75, minProbability: 0.4),
            .init(name: "b", weights: [1, 2, 3, 4], bias: 0, minProbability: 0.35),
        ])
        let definition = RouterDefinition(
            name: "r", routes: [Route(name: "a", references: ["x"]), Route(name: "b", references: ["y"])],
            vectorizer: VectorizerDescription(model: "m"), routingConfig: RoutingConfig(aggregationMethod: .softmax, softmax: scorer)
        )
        let json = try JSONDecoder().decode(RouterDefinition.self, from: try definition.json())
        #expect(json == definition)
        let yaml = try definition.yaml()
        #expect(yaml.contains("aggregation_method: softmax"))
        #expect(try RouterDefinition.decode(Data(yaml.utf8)) == definition)
    }

    @Test func aRouterWhoseRoutesChangedAfterFittingIsRefused() throws {
        let scorer = SoftmaxScorer(routes: [.init(name: "a", weights: [1, 0], bias: 0, minProbability: 0.5)])
        let definition = RouterDefinition(
            name: "r", routes: [Route(name: "a", references: ["x"]), Route(name: "b", references: ["y"])],
            vectorizer: VectorizerDescription(model: "m"), routingConfig: RoutingConfig(aggregationMethod: .softmax, softmax: scorer)
        )
        let error = try #require(throws: RouterError.self) { try definition.validate() }
        #expect(error.message.contains("no weights for route b"))
        var unnamed = definition
        unnamed.routingConfig.softmax = nil
        #expect(try #require(throws: RouterError.self) { try unnamed.validate() }.code == "invalid_routing_config")
    }

    @Test func theEmbeddedRouterRoutesWithLearnedWeightsAndReportsCentroidDistances() async throws {
        let scorer = SoftmaxScorer(routes: [
            .init(name: "a", weights: [10, 0], bias: 0, minProbability: 0.6),
            .init(name: "b", weights: [-10, 0], bias: 0, minProbability: 0.6),
        ])
        let scene = Scene([("a", 0.5, [("a1", 0.2)]), ("b", 0.5, [("b1", 1.8)])], config: RoutingConfig(aggregationMethod: .softmax, softmax: scorer))
        let router = try await scene.router()
        let match = try #require(try router.route(vector: Plane.query))
        #expect(match.name == "a")
        #expect(close(match.distance, 0.2))
        // Along the y axis both routes are equally likely (0.5 < 0.6): no route.
        let decision = try router.decide(vector: [0, 1])
        #expect(decision.match == nil)
        #expect(decision.nearest?.name == "a")
        #expect(close(try #require(decision.score), 0.5))
        // Adding a route the weights do not know is refused.
        await #expect(throws: RouterError.self) { try await router.addRoute(Route(name: "c", references: ["c1"])) }
    }
}
