import JunctionRouter
import Testing

/// Adding and removing routes and references, and changing settings, while routing stays right.
@Suite struct SemanticRouterChangesTests {
    /// Three routes; from the query, billing averages 0.15, support 0.625 and
    /// sales is out of range (0.8); from the opposite direction sales averages 0.65.
    static let scene = Scene([
        ("billing", 0.5, [("invoice", 0.1), ("refund", 0.2)]),
        ("support", 0.8, [("crash", 0.6), ("bug", 0.65)]),
        ("sales", 0.8, [("pricing", 1.3), ("demo", 1.4)]),
    ])

    @Test func referenceIDIsTheSHA256HexOfTheText() {
        #expect(ReferenceID.of("hello") == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
        #expect(ReferenceID.of("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ReferenceID.embeddingKey("hello", model: "m") == ReferenceID.of("hello:m"))
    }

    // MARK: Routes

    @Test func addRouteEmbedsItsReferencesAndRoutesToIt() async throws {
        let embedder = Self.scene.embedder()
        let router = try await Self.scene.router(embedder: embedder)
        let before = embedder.embeddedCount
        try await router.addRoute(Route(name: "greeting", references: ["hello", "hi", "hello"], distanceThreshold: 0.3))
        #expect(embedder.embeddedCount == before + 2)
        #expect(router.definition.routes.map(\.name) == ["billing", "support", "sales", "greeting"])
        #expect(router.definition.route(named: "greeting")?.references == ["hello", "hi"])
        #expect(router.referenceCount == 8)
        let hello = await embedder.vectors(for: ["hello"])[0]
        #expect(try router.routeMany(vector: hello, aggregation: .min).first?.name == "greeting")
    }

    @Test func addRouteWithATakenNameIsRejected() async throws {
        let router = try await Self.scene.router()
        let error = try await #require(throws: RouterError.self) {
            try await router.addRoute(Route(name: "billing", references: ["new text"]))
        }
        #expect(error.code == "duplicate_route")
        #expect(error.message.contains("billing"))
        #expect(router.referenceCount == 6)
        #expect(router.definition == Self.scene.definition)
    }

    @Test func addRouteValidatesTheRoute() async throws {
        let router = try await Self.scene.router()
        let error = try await #require(throws: RouterError.self) {
            try await router.addRoute(Route(name: "empty", references: []))
        }
        #expect(error.code == "invalid_route")
    }

    @Test func removeRouteOfAnUnknownNameReturnsFalse() async throws {
        let router = try await Self.scene.router()
        #expect(try router.removeRoute(named: "nope") == false)
        #expect(router.definition == Self.scene.definition)
    }

    @Test func remainingRoutesStillRouteCorrectlyAfterRemovingTheFirst() async throws {
        let router = try await Self.scene.router()
        #expect(try router.removeRoute(named: "billing"))
        #expect(router.definition.routes.map(\.name) == ["support", "sales"])
        #expect(router.referenceCount == 4)
        // The references' route tags were renumbered: "support" (now first) is the nearest.
        let match = try #require(try router.route(vector: Plane.query))
        #expect(match.name == "support")
        #expect(close(match.distance, 0.625))
        // "sales" is nearest to the opposite direction (distances 0.7 and 0.6).
        let opposite = try #require(try router.route(vector: Plane.opposite))
        #expect(opposite.name == "sales")
        #expect(close(opposite.distance, 0.65))
    }

    @Test func removingAMiddleRouteRenumbersOnlyTheRoutesAfterIt() async throws {
        let router = try await Self.scene.router()
        #expect(try router.removeRoute(named: "support"))
        #expect(try router.routeMany(vector: Plane.query, maxK: 3).map(\.name) == ["billing"])
        #expect(try router.route(vector: Plane.opposite)?.name == "sales")
        let pairs = try router.referenceDistances(vector: Plane.query)
        for pair in pairs {
            #expect(pair.route == (pair.distance < 1 ? 0 : 1))
        }
    }

    // MARK: References

    @Test func addReferencesSkipsTextsAlreadyPresentAndReturnsTheirIDs() async throws {
        let embedder = Self.scene.embedder()
        let router = try await Self.scene.router(embedder: embedder)
        let ids = try await router.addReferences(["refund", "charge", "chargeback", "charge"], to: "billing")
        #expect(ids == [ReferenceID.of("charge"), ReferenceID.of("chargeback")])
        #expect(router.definition.route(named: "billing")?.references == ["invoice", "refund", "charge", "chargeback"])
        #expect(router.referenceCount == 8)
        #expect(try await router.addReferences(["invoice"], to: "billing").isEmpty)
        #expect(router.referenceCount == 8)
    }

    @Test func addedReferencesTakePartInRouting() async throws {
        let table = Self.scene.table.merging(["near sales": Plane.vector(atDistance: 0.05)]) { $1 }
        let embedder = FakeEmbedder(table: table)
        let router = try await Self.scene.router(embedder: embedder)
        try await router.addReferences(["near sales"], to: "sales")
        // sales now has 0.05 within range: min picks it.
        #expect(try router.routeMany(vector: Plane.query, aggregation: .min).first?.name == "sales")
    }

    @Test func addReferencesToAnUnknownRouteThrowsUnknownRoute() async throws {
        let router = try await Self.scene.router()
        let error = try await #require(throws: RouterError.self) { try await router.addReferences(["x"], to: "nope") }
        #expect(error.code == "unknown_route")
        #expect(error.message.contains("nope"))
    }

    @Test func addReferencesRejectsBlankTexts() async throws {
        let router = try await Self.scene.router()
        let error = try await #require(throws: RouterError.self) { try await router.addReferences(["ok", "  "], to: "billing") }
        #expect(error.code == "invalid_route")
        #expect(router.referenceCount == 6)
    }

    @Test func referencesByRouteByIDsAndAll() async throws {
        let router = try await Self.scene.router()
        #expect(try router.references(route: "support") == [
            RouteReference(referenceID: ReferenceID.of("crash"), routeName: "support", reference: "crash"),
            RouteReference(referenceID: ReferenceID.of("bug"), routeName: "support", reference: "bug"),
        ])
        let byIDs = try router.references(ids: [ReferenceID.of("demo"), ReferenceID.of("invoice"), "unknown-id"])
        #expect(byIDs.map(\.reference) == ["invoice", "demo"])
        #expect(try router.references(route: "billing", ids: [ReferenceID.of("demo")]).isEmpty)
        #expect(try router.references().map(\.reference) == ["invoice", "refund", "crash", "bug", "pricing", "demo"])
        let error = try #require(throws: RouterError.self) { try router.references(route: "nope") }
        #expect(error.code == "unknown_route")
    }

    @Test func deleteReferencesByIDs() async throws {
        let router = try await Self.scene.router()
        let deleted = try router.deleteReferences(ids: [ReferenceID.of("invoice"), ReferenceID.of("demo")])
        #expect(deleted == 2)
        #expect(router.referenceCount == 4)
        #expect(try router.references().map(\.reference) == ["refund", "crash", "bug", "pricing"])
        // billing now only has "refund" at 0.2.
        let match = try #require(try router.routeMany(vector: Plane.query, aggregation: .min).first)
        #expect(match.name == "billing")
        #expect(close(match.distance, 0.2))
    }

    @Test func deleteReferencesByRouteAndIDs() async throws {
        let router = try await Self.scene.router()
        #expect(try router.deleteReferences(route: "support", ids: [ReferenceID.of("bug"), ReferenceID.of("invoice")]) == 1)
        #expect(try router.references(route: "support").map(\.reference) == ["crash"])
        #expect(try router.references(route: "billing").count == 2)
        #expect(try router.deleteReferences(ids: ["no-such-id"]) == 0)
    }

    @Test func deletingEveryReferenceOfARouteIsRefused() async throws {
        let router = try await Self.scene.router()
        let byRoute = try #require(throws: RouterError.self) { try router.deleteReferences(route: "support") }
        #expect(byRoute.code == "invalid_route")
        #expect(byRoute.message.contains("support"))
        let byIDs = try #require(throws: RouterError.self) {
            try router.deleteReferences(ids: [ReferenceID.of("crash"), ReferenceID.of("bug")])
        }
        #expect(byIDs.code == "invalid_route")
        #expect(router.referenceCount == 6)
        #expect(router.definition == Self.scene.definition)
    }

    /// A refused delete must change nothing, also for routes that come
    /// before the one it would have emptied.
    @Test func refusedDeleteLeavesEarlierRoutesUntouched() async throws {
        let router = try await Self.scene.router()
        #expect(throws: RouterError.self) {
            try router.deleteReferences(ids: [ReferenceID.of("invoice"), ReferenceID.of("crash"), ReferenceID.of("bug")])
        }
        #expect(router.definition == Self.scene.definition)
        #expect(try router.references(route: "billing").map(\.reference) == ["invoice", "refund"])
        #expect(router.referenceCount == 6)
    }

    // MARK: Settings

    @Test func updateRoutingConfigChangesTheDefaults() async throws {
        let router = try await Self.scene.router()
        #expect(try router.routeMany(vector: Plane.query).count == 1)
        try router.updateRoutingConfig(RoutingConfig(maxK: 3, aggregationMethod: .min))
        #expect(router.definition.routingConfig == RoutingConfig(maxK: 3, aggregationMethod: .min))
        let matches = try router.routeMany(vector: Plane.query)
        #expect(matches.map(\.name) == ["billing", "support"])
        #expect(close(matches[0].distance, 0.1))
        #expect(close(matches[1].distance, 0.6))
        let error = try #require(throws: RouterError.self) { try router.updateRoutingConfig(RoutingConfig(maxK: 0)) }
        #expect(error.code == "invalid_routing_config")
        #expect(router.definition.routingConfig.maxK == 3)
    }

    @Test func updateRouteThresholdsChangesRouting() async throws {
        let router = try await Self.scene.router()
        try router.updateRouteThresholds(["billing": 0.1, "support": 0.9])
        #expect(router.definition.routes.map(\.distanceThreshold) == [0.1, 0.9, 0.8])
        // billing (0.15) is nearest but fails its threshold: no match with max_k 1.
        #expect(try router.route(vector: Plane.query) == nil)
        #expect(try router.routeMany(vector: Plane.query, maxK: 2).map(\.name) == ["support"])
    }

    @Test(arguments: [0, 2.5, Double.nan, -1])
    func updateRouteThresholdsValidates(threshold: Double) async throws {
        let router = try await Self.scene.router()
        let error = try #require(throws: RouterError.self) { try router.updateRouteThresholds(["billing": threshold]) }
        #expect(error.code == "invalid_route")
        #expect(error.message.contains("distance_threshold"))
        #expect(router.definition == Self.scene.definition)
    }

    @Test func updateRouteThresholdsOfAnUnknownRouteThrows() async throws {
        let router = try await Self.scene.router()
        let error = try #require(throws: RouterError.self) { try router.updateRouteThresholds(["nope": 0.3]) }
        #expect(error.code == "unknown_route")
    }

    @Test func updateRouteThresholdsAcceptsTwo() async throws {
        let router = try await Self.scene.router()
        try router.updateRouteThresholds(["sales": 2])
        #expect(router.definition.route(named: "sales")?.distanceThreshold == 2)
    }

    /// A rejected update must change no threshold, whatever order the dictionary lists them in.
    @Test func rejectedThresholdUpdateChangesNothing() async throws {
        let names = (0..<10).map { "route\($0)" }
        let scene = Scene(names.enumerated().map { ($1, 0.5, [("text \($0)", 0.1 + 0.05 * Double($0))]) })
        let router = try await scene.router()
        for attempt in 0..<20 {
            var update = Dictionary(uniqueKeysWithValues: names.map { ($0, 0.3) })
            update["unknown\(attempt)"] = 0.4
            #expect(throws: RouterError.self) { try router.updateRouteThresholds(update) }
            let changed = router.definition.routes.filter { $0.distanceThreshold != 0.5 }.map(\.name)
            #expect(changed.isEmpty, "attempt \(attempt): thresholds of \(changed) changed by a rejected update")
            if !changed.isEmpty { break }
        }
    }

    @Test func clearRemovesEveryRouteAndReference() async throws {
        let router = try await Self.scene.router()
        try router.clear()
        #expect(router.definition.routes.isEmpty)
        #expect(router.definition.name == "scene")
        #expect(router.referenceCount == 0)
        #expect(try router.route(vector: Plane.query) == nil)
        #expect(try router.references().isEmpty)
        try await router.addRoute(Route(name: "again", references: ["invoice"]))
        #expect(try router.route(vector: Plane.query)?.name == "again")
    }
}
