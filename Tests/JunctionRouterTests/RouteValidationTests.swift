import Foundation
import JunctionRouter
import Testing

/// RedisVL's rules for routes and routing configs; every message names the field at fault.
@Suite struct RouteValidationTests {
    static func definition(routes: [Route], config: RoutingConfig = RoutingConfig()) -> RouterDefinition {
        RouterDefinition(name: "router", routes: routes, vectorizer: VectorizerDescription(model: "fake/model"), routingConfig: config)
    }

    @Test(arguments: ["", "   ", "\n\t"])
    func blankRouteNameIsRejected(name: String) throws {
        let error = try #require(throws: RouterError.self) { try Route(name: name, references: ["hi"]).validate() }
        #expect(error.code == "invalid_route")
        #expect(error.message.contains("name"))
    }

    @Test func emptyReferencesAreRejected() throws {
        let error = try #require(throws: RouterError.self) { try Route(name: "greeting", references: []).validate() }
        #expect(error.code == "invalid_route")
        #expect(error.message.contains("greeting"))
        #expect(error.message.contains("references"))
    }

    @Test(arguments: ["", " ", "\n"])
    func blankReferenceIsRejected(blank: String) throws {
        let error = try #require(throws: RouterError.self) { try Route(name: "greeting", references: ["hi", blank]).validate() }
        #expect(error.code == "invalid_route")
        #expect(error.message.contains("references"))
    }

    @Test(arguments: [0, 2.5, -0.1, Double.nan, Double.infinity, 2.000001])
    func thresholdOutsideZeroToTwoIsRejected(threshold: Double) throws {
        let error = try #require(throws: RouterError.self) {
            try Route(name: "greeting", references: ["hi"], distanceThreshold: threshold).validate()
        }
        #expect(error.code == "invalid_route")
        #expect(error.message.contains("distance_threshold"))
        #expect(error.message.contains("greeting"))
    }

    @Test(arguments: [2, 1e-9, 0.5, 1])
    func thresholdInRangeIsAccepted(threshold: Double) throws {
        try Route(name: "greeting", references: ["hi"], distanceThreshold: threshold).validate()
    }

    @Test func defaultsAreRedisVLs() {
        let route = Route(name: "r", references: ["x"])
        #expect(route.distanceThreshold == 0.5)
        #expect(route.metadata.isEmpty)
        #expect(RoutingConfig() == RoutingConfig(maxK: 1, aggregationMethod: .avg))
    }

    @Test(arguments: [0, -1])
    func maxKBelowOneIsRejected(maxK: Int) throws {
        let error = try #require(throws: RouterError.self) { try RoutingConfig(maxK: maxK).validate() }
        #expect(error.code == "invalid_routing_config")
        #expect(error.message.contains("max_k"))
        let viaDefinition = try #require(throws: RouterError.self) {
            try Self.definition(routes: [Route(name: "r", references: ["x"])], config: RoutingConfig(maxK: maxK)).validate()
        }
        #expect(viaDefinition.code == "invalid_routing_config")
    }

    @Test func unknownAggregationMethodIsRejectedNamingTheField() throws {
        let yaml = """
        name: router
        routes: []
        vectorizer: {type: hf, model: m}
        routing_config: {max_k: 1, aggregation_method: median}
        """
        let error = try #require(throws: RouterError.self) { try RouterDefinition.decode(Data(yaml.utf8)) }
        #expect(error.message.contains("aggregation_method"))
        #expect(error.message.contains("median"))
    }

    /// The error code must not depend on the file format: JSON gives
    /// `invalid_routing_config` for a bad routing config, so YAML must too.
    @Test func invalidRoutingConfigHasTheSameCodeInYAMLAndJSON() throws {
        let json = #"{"name": "router", "routes": [], "vectorizer": {"type": "hf", "model": "m"}, "routing_config": {"aggregation_method": "median"}}"#
        let fromJSON = try #require(throws: RouterError.self) { try RouterDefinition.decode(Data(json.utf8), yaml: false) }
        let fromYAML = try #require(throws: RouterError.self) { try RouterDefinition.decode(Data(json.utf8), yaml: true) }
        #expect(fromJSON.code == "invalid_routing_config")
        #expect(fromYAML.code == fromJSON.code)
    }

    @Test func fractionalMaxKIsRejectedNamingTheField() throws {
        let json = #"{"name": "router", "routes": [], "vectorizer": {"type": "hf", "model": "m"}, "routing_config": {"max_k": 1.5}}"#
        let error = try #require(throws: RouterError.self) { try RouterDefinition.decode(Data(json.utf8), yaml: false) }
        #expect(error.code == "invalid_routing_config")
        #expect(error.message.contains("max_k"))
    }

    @Test func duplicateRouteNamesAreRejected() throws {
        let definition = Self.definition(routes: [
            Route(name: "greeting", references: ["hi"]),
            Route(name: "farewell", references: ["bye"]),
            Route(name: "greeting", references: ["hello"]),
        ])
        let error = try #require(throws: RouterError.self) { try definition.validate() }
        #expect(error.code == "duplicate_route")
        #expect(error.message.contains("greeting"))
    }

    @Test func blankRouterNameIsRejected() throws {
        let definition = RouterDefinition(name: " ", routes: [], vectorizer: VectorizerDescription(model: "m"))
        let error = try #require(throws: RouterError.self) { try definition.validate() }
        #expect(error.code == "invalid_router")
        #expect(error.message.contains("name"))
    }

    @Test func invalidRouteInsideADefinitionIsReported() throws {
        let definition = Self.definition(routes: [
            Route(name: "ok", references: ["x"]),
            Route(name: "bad", references: ["y"], distanceThreshold: 3),
        ])
        let error = try #require(throws: RouterError.self) { try definition.validate() }
        #expect(error.message.contains("bad"))
        #expect(error.message.contains("distance_threshold"))
    }

    @Test func routerInitRejectsAnInvalidDefinitionBeforeEmbedding() async throws {
        let embedder = FakeEmbedder()
        let definition = Self.definition(routes: [Route(name: "r", references: ["x"], distanceThreshold: 0)])
        let error = try await #require(throws: RouterError.self) {
            _ = try await SemanticRouter(definition: definition, embedder: embedder)
        }
        #expect(error.code == "invalid_route")
        #expect(embedder.embeddedCount == 0)
    }
}
