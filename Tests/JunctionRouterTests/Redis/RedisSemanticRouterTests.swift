import Foundation
import JunctionEncoder
import JunctionRedis
import JunctionTestSupport
@testable import JunctionRouter
import Testing

/// The router on a real Redis (scripts/redis) with the real all-MiniLM-L6-v2:
/// it routes like the embedded router and stores exactly RedisVL's layout.
@Suite(.redisServer, .serialized) struct RedisSemanticRouterTests {
    /// The topic router of RedisVL's user guide (as in Tests/interop/test_router_files.py).
    static func topicRouter(name: String, maxK: Int = 1, aggregation: DistanceAggregation = .avg) -> RouterDefinition {
        RouterDefinition(
            name: name,
            routes: [
                Route(name: "technology", references: [
                    "what are the latest advancements in AI?", "tell me about the newest gadgets", "what's trending in tech?",
                ], metadata: ["category": .string("tech"), "priority": .number(1)], distanceThreshold: 0.71),
                Route(name: "sports", references: [
                    "who won the game last night?", "tell me about the upcoming sports events",
                    "what's the latest in the world of sports?", "sports", "basketball and football",
                ], metadata: ["category": .string("sports"), "priority": .number(2)], distanceThreshold: 0.72),
                Route(name: "entertainment", references: [
                    "what are the top movies right now?", "who won the best actor award?", "what's new in the entertainment industry?",
                ], metadata: ["category": .string("entertainment"), "priority": .number(3)], distanceThreshold: 0.70),
            ],
            vectorizer: VectorizerDescription(type: "hf", model: MiniLM.name),
            routingConfig: RoutingConfig(maxK: maxK, aggregationMethod: aggregation)
        )
    }

    static let queries = [
        "Can you tell me about the latest in artificial intelligence?",
        "what's the newest smartphone on the market?",
        "who won the football match yesterday?",
        "when is the next basketball game?",
        "which movie won the Oscar?",
        "new TV series on streaming",
        "tell me about the latest",
        "who won?",
        "award-winning tech documentaries",
        "What is the capital of France?",
        "my cat keeps sneezing",
    ]

    static func sameMatches(_ redis: [RouteMatch], _ embedded: [RouteMatch], _ label: String) {
        #expect(redis.map(\.name) == embedded.map(\.name), "\(label)")
        for (a, b) in zip(redis, embedded) {
            #expect(abs(a.distance - b.distance) < 1e-4, "\(label): \(a) vs \(b)")
        }
    }

    // MARK: Routing

    @Test func routesLikeTheEmbeddedRouterForEveryAggregation() async throws {
        let encoder = try MiniLM.load()
        let client = try await RedisServer.client()
        let definition = Self.topicRouter(name: uniqueRouterName("routing"))
        let redis = try await RedisSemanticRouter.create(definition: definition, client: client, embedder: encoder)
        let embedded = try await SemanticRouter(definition: definition, embedder: encoder)
        var seen: Set<String?> = []
        for query in Self.queries {
            let vector = await encoder.vectors(for: [query])[0]
            let single = try await redis.route(vector: vector)
            let expected = try embedded.route(vector: vector)
            seen.insert(single?.name)
            Self.sameMatches(single.map { [$0] } ?? [], expected.map { [$0] } ?? [], "route \(query)")
            for method in DistanceAggregation.redisVL {
                Self.sameMatches(
                    try await redis.routeMany(vector: vector, maxK: 3, aggregation: method),
                    try embedded.routeMany(vector: vector, maxK: 3, aggregation: method), "routeMany \(method) \(query)"
                )
            }
        }
        #expect(seen == ["technology", "sports", "entertainment", nil], "the queries must cover every route and no match")
        #expect(try await redis.route("who won the football match yesterday?")?.name == "sports")
        try await redis.delete()
        await client.close()
    }

    @Test func refusesNearest3WhichRedisCannotCompute() async throws {
        let encoder = try MiniLM.load()
        let client = try await RedisServer.client()
        let name = uniqueRouterName("nearest3")
        let refused = try await #require(throws: RouterError.self) {
            try await RedisSemanticRouter.create(definition: Self.topicRouter(name: name, aggregation: .nearest3), client: client, embedder: encoder)
        }
        #expect(refused.code == "unsupported_aggregation")
        #expect(try await client.run("EXISTS", "\(name):route_config").int == 0, "a refused create writes nothing")
        let router = try await RedisSemanticRouter.create(definition: Self.topicRouter(name: name), client: client, embedder: encoder)
        let perCall = try await #require(throws: RouterError.self) { try await router.routeMany("sports", maxK: 1, aggregation: .nearest3) }
        #expect(perCall.code == "unsupported_aggregation")
        #expect(perCall.message.contains("nearest_3"))
        await #expect(throws: RouterError.self) { try await router.updateRoutingConfig(RoutingConfig(aggregationMethod: .nearest3)) }
        try await router.delete()
        await client.close()
    }

    @Test func routesWithQuotesAndBackslashesInRouteNames() async throws {
        let encoder = try MiniLM.load()
        let client = try await RedisServer.client()
        let definition = RouterDefinition(
            name: uniqueRouterName("quotes"),
            routes: [
                Route(name: "it's sports", references: ["who won the game last night?", "basketball and football"], distanceThreshold: 0.7),
                Route(name: #"back\slash "tech""#, references: ["what are the latest advancements in AI?"], distanceThreshold: 0.7),
            ],
            vectorizer: VectorizerDescription(model: MiniLM.name)
        )
        let router = try await RedisSemanticRouter.create(definition: definition, client: client, embedder: encoder)
        #expect(try await router.route("who won the football match yesterday?")?.name == "it's sports")
        #expect(try await router.route("new advances in artificial intelligence")?.name == #"back\slash "tech""#)
        #expect(try await router.references(route: "it's sports", ids: nil).count == 2)
        try await router.delete()
        await client.close()
    }

    // MARK: Layout

    @Test func storesRedisVLsKeysFieldsAndRouteConfig() async throws {
        let encoder = try MiniLM.load()
        let client = try await RedisServer.client()
        let name = uniqueRouterName("layout")
        let definition = Self.topicRouter(name: name)
        let router = try await RedisSemanticRouter.create(definition: definition, client: client, embedder: encoder)

        let reference = "who won the game last night?"
        let id = ReferenceID.of(reference)
        let key = "\(name):sports:\(id)"
        let fields = try await client.run("HGETALL", key)
        let text = fields.textFields
        #expect(text["reference_id"] == id)
        #expect(text["route_name"] == "sports")
        #expect(text["reference"] == reference)
        let blob = try #require(try await client.run("HGET", key, "vector").byteArray)
        #expect(blob.count == 384 * 4)
        #expect(floats(fromLittleEndian: blob) == (await encoder.vectors(for: [reference])[0]))
        #expect(try await client.run("HLEN", key).int == 4)

        // Exactly one hash per reference under the prefix, plus route_config.
        let keys = try #require(try await client.run("KEYS", "\(name):*").array).compactMap(\.string)
        let expectedKeys = definition.routes.flatMap { route in route.references.map { "\(name):\(route.name):\(ReferenceID.of($0))" } }
        #expect(Set(keys) == Set(expectedKeys + ["\(name):route_config"]))

        let stored = try #require(try await client.run("JSON.GET", "\(name):route_config", ".").string)
        #expect(try RouterDefinition.fromRouteConfig(stored, key: "config") == definition)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stored.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["name", "routes", "vectorizer", "routing_config"])
        #expect(object["vectorizer"] as? [String: String] == ["type": "hf", "model": MiniLM.name])

        let info = try await client.run("FT.INFO", name)
        let schema = try #require(SearchIndexSchema(info: info))
        #expect(RedisRouterSchema.differences(schema, from: RedisRouterSchema.router(name: name, dimension: 384)).isEmpty)
        #expect(info.value(forKey: "num_docs")?.text == String(expectedKeys.count))

        try await router.delete()
        #expect(try await client.run("KEYS", "\(name)*").array?.isEmpty == true, "delete removes the index, the hashes and route_config")
        await client.close()
    }

    // MARK: Attach, overwrite, schema

    @Test func attachesByNameAndRoutesTheSame() async throws {
        let encoder = try MiniLM.load()
        let client = try await RedisServer.client()
        let name = uniqueRouterName("attach")
        let created = try await RedisSemanticRouter.create(definition: Self.topicRouter(name: name, maxK: 2, aggregation: .min), client: client, embedder: encoder)
        let attached = try await RedisSemanticRouter.attach(name: name, client: client, embedder: encoder)
        #expect(attached.definition == created.definition)
        for query in Self.queries.prefix(5) {
            Self.sameMatches(try await attached.routeMany(query), try await created.routeMany(query), query)
        }
        let missing = try await #require(throws: RouterError.self) {
            try await RedisSemanticRouter.attach(name: uniqueRouterName("missing"), client: client, embedder: encoder)
        }
        #expect(missing.code == "not_found")
        #expect(missing.message.contains("route_config"))

        _ = try await client.run("FT.DROPINDEX", name)
        let noIndex = try await #require(throws: RouterError.self) { try await RedisSemanticRouter.attach(name: name, client: client, embedder: encoder) }
        #expect(noIndex.code == "not_found")
        #expect(noIndex.message.contains("no search index"))
        _ = try await RedisSemanticRouter.create(definition: created.definition, client: client, embedder: encoder, overwrite: true)
        try await attached.delete()
        await client.close()
    }

    @Test func refusesAnIndexWithAnotherSchema() async throws {
        let encoder = try MiniLM.load()
        let client = try await RedisServer.client()
        let name = uniqueRouterName("schema")
        _ = try await client.run(
            "FT.CREATE", name, "ON", "HASH", "PREFIX", "1", name, "SCORE", "1.0", "SCHEMA",
            "reference_id", "TAG", "SEPARATOR", ",", "route_name", "TAG", "SEPARATOR", ",", "reference", "TEXT", "WEIGHT", "1",
            "vector", "VECTOR", "FLAT", "6", "TYPE", "FLOAT32", "DIM", "768", "DISTANCE_METRIC", "COSINE"
        )
        let definition = Self.topicRouter(name: name)
        _ = try await client.send(["JSON.SET", .string("\(name):route_config"), ".", .string(definition.routeConfigJSON())])

        let created = try await #require(throws: RouterError.self) {
            try await RedisSemanticRouter.create(definition: definition, client: client, embedder: encoder)
        }
        #expect(created.code == "schema_mismatch")
        #expect(created.message.contains("DIM is 768, expected 384"))
        #expect(created.message.contains("Overwrite"))
        let attached = try await #require(throws: RouterError.self) { try await RedisSemanticRouter.attach(name: name, client: client, embedder: encoder) }
        #expect(attached.code == "schema_mismatch")
        #expect(attached.message.contains("DIM is 768, expected 384"))

        // Overwriting replaces the index with the router's.
        let router = try await RedisSemanticRouter.create(definition: definition, client: client, embedder: encoder, overwrite: true)
        #expect(try await router.route("who won the football match yesterday?")?.name == "sports")
        try await router.delete()
        await client.close()
    }

    @Test func overwriteReplacesTheRouterAndDropsReferencesItNoLongerHas() async throws {
        let encoder = try MiniLM.load()
        let client = try await RedisServer.client()
        let name = uniqueRouterName("overwrite")
        let first = Self.topicRouter(name: name)
        _ = try await RedisSemanticRouter.create(definition: first, client: client, embedder: encoder)

        // Same definition, no overwrite: reused as it is.
        let reused = try await RedisSemanticRouter.create(definition: first, client: client, embedder: encoder)
        #expect(reused.definition == first)
        // Another definition, no overwrite: refused, nothing changed.
        var second = first
        second.routes[1].references = ["sports", "basketball and football", "tennis and golf"]
        second.routes[1].distanceThreshold = 0.6
        second.routes.remove(at: 2)
        let refused = try await #require(throws: RouterError.self) {
            try await RedisSemanticRouter.create(definition: second, client: client, embedder: encoder)
        }
        #expect(refused.code == "router_exists")
        #expect(try await RedisSemanticRouter.attach(name: name, client: client, embedder: encoder).definition == first)

        let replaced = try await RedisSemanticRouter.create(definition: second, client: client, embedder: encoder, overwrite: true)
        let keys = Set(try #require(try await client.run("KEYS", "\(name):*").array).compactMap(\.string))
        let expected = second.routes.flatMap { route in route.references.map { "\(name):\(route.name):\(ReferenceID.of($0))" } }
        #expect(keys == Set(expected + ["\(name):route_config"]))
        #expect(try await RedisSemanticRouter.attach(name: name, client: client, embedder: encoder).definition == second)
        let embedded = try await SemanticRouter(definition: second, embedder: encoder)
        for query in Self.queries {
            Self.sameMatches(try await replaced.routeMany(query, maxK: 3), try await embedded.routeMany(query, maxK: 3), query)
        }
        try await replaced.delete()
        await client.close()
    }

    // MARK: References

    @Test func referenceChangesReachTheHashesAndRouteConfig() async throws {
        let encoder = try MiniLM.load()
        let client = try await RedisServer.client()
        let name = uniqueRouterName("references")
        let router = try await RedisSemanticRouter.create(definition: Self.topicRouter(name: name), client: client, embedder: encoder)
        func stored() async throws -> RouterDefinition {
            try RouterDefinition.fromRouteConfig(try #require(try await client.run("JSON.GET", "\(name):route_config", ".").string), key: "config")
        }

        let added = try await router.addReferences(["latest AI trends", "what's trending in tech?", "latest AI trends"], to: "technology")
        #expect(added == [ReferenceID.of("latest AI trends")])
        let key = "\(name):technology:\(ReferenceID.of("latest AI trends"))"
        #expect(try await client.run("HGET", key, "reference").string == "latest AI trends")
        #expect(try await stored().route(named: "technology")?.references.last == "latest AI trends")
        #expect(try await router.route("latest AI trends")?.name == "technology")

        let technology = try await router.references(route: "technology", ids: nil)
        #expect(technology.map(\.reference) == (try await stored().route(named: "technology")?.references))
        #expect(technology.allSatisfy { $0.routeName == "technology" && $0.referenceID == ReferenceID.of($0.reference) })
        let byID = try await router.references(route: nil, ids: [ReferenceID.of("sports"), "not-an-id"])
        #expect(byID == [RouteReference(referenceID: ReferenceID.of("sports"), routeName: "sports", reference: "sports")])
        #expect(try await router.references(route: nil, ids: nil).count == 12)
        await #expect(throws: RouterError.self) { try await router.references(route: "cooking", ids: nil) }

        #expect(try await router.deleteReferences(route: nil, ids: [ReferenceID.of("tell me about the newest gadgets")]) == 1)
        #expect(try await client.run("EXISTS", "\(name):technology:\(ReferenceID.of("tell me about the newest gadgets"))").int == 0)
        #expect(try await stored().route(named: "technology")?.references
            == ["what are the latest advancements in AI?", "what's trending in tech?", "latest AI trends"])

        // Deleting every reference of a route is refused, and changes nothing.
        let emptied = try await #require(throws: RouterError.self) { try await router.deleteReferences(route: "entertainment", ids: nil) }
        #expect(emptied.message.contains("remove the route instead"))
        #expect(try await router.references(route: "entertainment", ids: nil).count == 3)
        #expect(try await stored() == router.definition)
        #expect(try await router.deleteReferences(route: "technology", ids: [ReferenceID.of("nothing")]) == 0)

        // Routes and thresholds.
        #expect(try await router.removeRoute(named: "entertainment"))
        #expect(try await router.removeRoute(named: "entertainment") == false)
        #expect(try await client.run("KEYS", "\(name):entertainment:*").array?.isEmpty == true)
        try await router.addRoute(Route(name: "weather", references: ["will it rain tomorrow?", "weather forecast"], distanceThreshold: 0.6))
        #expect(try await router.route("is it going to rain this weekend?")?.name == "weather")
        try await router.updateRouteThresholds(["weather": 0.01])
        #expect(try await stored().route(named: "weather")?.distanceThreshold == 0.01)
        #expect(try await router.route("is it going to rain this weekend?") == nil)
        try await router.updateRoutingConfig(RoutingConfig(maxK: 2, aggregationMethod: .sum))
        #expect(try await stored().routingConfig == RoutingConfig(maxK: 2, aggregationMethod: .sum))
        #expect(try await stored() == router.definition)

        try await router.clear()
        #expect(try await client.run("KEYS", "\(name):*").array?.compactMap(\.string) == ["\(name):route_config"])
        #expect(try await stored().routes.isEmpty)
        #expect(try await router.route("sports") == nil)
        try await router.delete()
        await client.close()
    }

    @Test func concurrentChangesAllReachRouteConfig() async throws {
        let encoder = try MiniLM.load()
        let client = try await RedisServer.client()
        let name = uniqueRouterName("concurrent")
        let router = try await RedisSemanticRouter.create(definition: Self.topicRouter(name: name), client: client, embedder: encoder)
        let texts = (1...6).map { "sports question number \($0)" }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for text in texts {
                group.addTask { try await router.addReferences([text], to: "sports") }
            }
            try await group.waitForAll()
        }
        let stored = try RouterDefinition.fromRouteConfig(
            try #require(try await client.run("JSON.GET", "\(name):route_config", ".").string), key: "config"
        )
        let sports = Set(stored.route(named: "sports")?.references ?? [])
        #expect(sports.isSuperset(of: texts))
        #expect(stored == router.definition)
        #expect(try await router.references(route: "sports", ids: nil).count == 5 + texts.count)
        try await router.delete()
        await client.close()
    }

    @Test func reloadSeesChangesMadeByAnotherClient() async throws {
        let encoder = try MiniLM.load()
        let client = try await RedisServer.client()
        let name = uniqueRouterName("reload")
        let writer = try await RedisSemanticRouter.create(definition: Self.topicRouter(name: name), client: client, embedder: encoder)
        let reader = try await RedisSemanticRouter.attach(name: name, client: client, embedder: encoder)
        try await writer.addReferences(["chess tournaments"], to: "sports")
        #expect(reader.definition.route(named: "sports")?.references.contains("chess tournaments") == false)
        try await reader.reload()
        #expect(reader.definition == writer.definition)
        try await writer.delete()
        await client.close()
    }
}
