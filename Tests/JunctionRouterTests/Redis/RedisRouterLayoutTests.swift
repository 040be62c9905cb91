import JunctionJSON
import JunctionRedis
import JunctionTestSupport
import Testing
@testable import JunctionRouter

/// The commands the router sends, compared argument for argument with what
/// RedisVL 0.28 sent (`fixtures/redisvl/monitor.txt`, captured with MONITOR).
@Suite struct RedisRouterLayoutTests {
    /// The router of monitor.txt (before `add_route_references`).
    static let topicRouter = RouterDefinition(
        name: "topic-router",
        routes: [
            Route(name: "technology", references: ["what are the latest advancements in AI?", "tell me about the newest gadgets"],
                  metadata: ["category": .string("tech"), "priority": .number(1)], distanceThreshold: 0.71),
            Route(name: "sports", references: ["who won the game last night?", "basketball and football"],
                  metadata: ["category": .string("sports"), "priority": .number(2)], distanceThreshold: 0.72),
        ],
        vectorizer: VectorizerDescription(type: "hf", model: "<local all-MiniLM-L6-v2 directory>"),
        routingConfig: RoutingConfig(maxK: 1, aggregationMethod: .avg)
    )

    static let layout = RedisRouterLayout(name: "topic-router")

    @Test func createsTheIndexExactlyAsRedisVL() throws {
        let command = RedisRouterSchema.createCommand(name: "topic-router", dimension: 384)
        #expect(RedisVLMonitor.strings(command) == (try RedisVLMonitor.command(after: "# SemanticRouter(name='topic-router'", named: "FT.CREATE")))
    }

    @Test func storesEachReferenceAsRedisVLsHash() throws {
        let command = Self.layout.storeCommand(route: "technology", reference: "what are the latest advancements in AI?", vector: [0.5, -1])
        let expected = try RedisVLMonitor.command(after: "# SemanticRouter(name='topic-router'", named: "HSET")
        #expect(RedisVLMonitor.strings(command) == expected)
        guard case .vector(let vector) = command.last else { Issue.record("the vector is not sent as float32 bytes"); return }
        #expect(vector == [0.5, -1])
    }

    @Test func writesRouteConfigAsRedisVLsJSONSet() throws {
        #expect(RedisVLMonitor.strings(Self.layout.saveConfigCommand(Self.topicRouter))
            == (try RedisVLMonitor.command(after: "# SemanticRouter(name='topic-router'", named: "JSON.SET")))
        var extended = Self.topicRouter
        extended.routes[0].references.append("latest AI trends")
        #expect(RedisVLMonitor.strings(Self.layout.saveConfigCommand(extended))
            == (try RedisVLMonitor.command(after: "# add_route_references", named: "JSON.SET")))
        #expect(RedisVLMonitor.strings(Self.layout.loadConfigCommand) == (try RedisVLMonitor.command(after: "# SemanticRouter.from_existing", named: "JSON.GET")))
    }

    @Test func routesWithRedisVLsAggregateQuery() throws {
        let vector: [Float] = [1, 0]
        let single = Self.layout.routeCommand(vector: vector, routes: Self.topicRouter.routes, method: .avg, maxK: 1)
        #expect(RedisVLMonitor.strings(single) == (try RedisVLMonitor.command(after: "# router(text)", named: "FT.AGGREGATE")))
        let many = Self.layout.routeCommand(vector: vector, routes: Self.topicRouter.routes, method: .min, maxK: 2)
        #expect(RedisVLMonitor.strings(many) == (try RedisVLMonitor.command(after: "# route_many(text, max_k=2", named: "FT.AGGREGATE")))
        let sum = RedisVLMonitor.strings(Self.layout.routeCommand(vector: vector, routes: Self.topicRouter.routes, method: .sum, maxK: 3))
        #expect(sum.contains("SUM") && sum.contains("3"))
    }

    @Test func looksUpReferencesAsRedisVL() throws {
        let id = "85cc73a1437df27caa2f075a29c497e5a2e532023fbb75378aedbae80779ab37"
        #expect(RedisVLMonitor.strings(Self.layout.referenceQuery(id: id)) == (try RedisVLMonitor.command(after: "# delete_route_references", named: "FT.SEARCH")))
        #expect(Self.layout.routePattern("technology") == "topic-router:technology:*")
        #expect(Self.layout.referenceKey(route: "technology", id: id) == "topic-router:technology:\(id)")
    }

    @Test func keyNamesFollowRedisVLsPrefixRules() {
        #expect(RedisRouterLayout(name: "a*b").routePattern("r?[x]") == "a\\*b:r\\?\\[x]:*")
        #expect(RedisRouterLayout(name: "router:").referenceKey(route: "r", id: "00") == "router:r:00")
        #expect(RedisRouterLayout(name: "router:").configKey == "router::route_config")
    }

    @Test func thresholdsAreWrittenAsPythonFloats() {
        #expect(PythonJSON.float(0.71) == "0.71")
        #expect(PythonJSON.float(1) == "1.0")
        #expect(PythonJSON.float(2) == "2.0")
        #expect(PythonJSON.float(0.0001) == "0.0001")
        #expect(PythonJSON.float(0.00001) == "1e-05")
        #expect(PythonJSON.float(1.25) == "1.25")
        #expect(PythonJSON.float(0.1 + 0.2) == "0.30000000000000004")
        let routes = [Route(name: "a", references: ["x"], distanceThreshold: 1), Route(name: "b", references: ["y"], distanceThreshold: 0.5)]
        #expect(RedisRouterLayout.thresholdFilter(routes) == "(@route_name == 'a' && @distance < 1.0) || (@route_name == 'b' && @distance < 0.5)")
    }

    @Test func quotesInRouteNamesAreEscapedInTheFilter() {
        let routes = [Route(name: "it's", references: ["x"], distanceThreshold: 0.5), Route(name: "a\\b", references: ["y"], distanceThreshold: 0.5)]
        #expect(RedisRouterLayout.thresholdFilter(routes) == #"(@route_name == 'it\'s' && @distance < 0.5) || (@route_name == 'a\\b' && @distance < 0.5)"#)
    }

    @Test func routeConfigEscapesLikePythonsJSONDumps() {
        let definition = RouterDefinition(
            name: "r\"\\", routes: [Route(name: "caf\u{e9}", references: ["line\nbreak\ttab \u{1F600} \u{7f}"], metadata: [
                "z": .array([.bool(true), .null, .number(1.5)]), "a": .object(["k": .string("v")]),
            ])],
            vectorizer: VectorizerDescription(model: "m")
        )
        #expect(definition.routeConfigJSON() == #"""
            {"name": "r\"\\", "routes": [{"name": "caf\u00e9", "references": ["line\nbreak\ttab \ud83d\ude00 \u007f"], "metadata": {"a": {"k": "v"}, "z": [true, null, 1.5]}, "distance_threshold": 0.5}], "vectorizer": {"type": "hf", "model": "m"}, "routing_config": {"max_k": 1, "aggregation_method": "avg"}}
            """#)
    }

    @Test func routeConfigReadsBackTheSameDefinition() throws {
        let text = Self.topicRouter.routeConfigJSON()
        #expect(try RouterDefinition.fromRouteConfig(text, key: "topic-router:route_config") == Self.topicRouter)
        let empty = #"{"name": "r", "routes": [{"name": "a", "references": [], "distance_threshold": 0.5}], "vectorizer": {"type": "hf", "model": "m"}, "routing_config": {"max_k": 1, "aggregation_method": "avg"}}"#
        let error = try #require(throws: RouterError.self) { try RouterDefinition.fromRouteConfig(empty, key: "r:route_config") }
        #expect(error.message.hasPrefix("r:route_config: "))
        #expect(error.message.contains("references must not be empty"))
    }
}
