import Foundation
import JunctionRouter
import Synchronization
import Testing

/// A router saved to a data directory reopens without embedding its references again.
@Suite struct RouterStoreTests {
    static let scene = Scene([
        ("billing", 0.5, [("invoice", 0.1), ("refund", 0.2)]),
        ("support", 0.8, [("crash", 0.6), ("bug", 0.65)]),
    ])

    @Test func buildingWithAStoreWritesTheDefinitionAndVectors() async throws {
        try await withTemporaryDirectory { directory throws in
            let store = RouterStore(dataDirectory: directory, routerName: "scene")
            _ = try await Self.scene.router(store: store)
            #expect(store.directory.path.hasPrefix(directory.appendingPathComponent("routers").path))
            let names = try FileManager.default.contentsOfDirectory(atPath: store.directory.path).sorted()
            #expect(names == ["router.json", "vectors.jvec"])
            #expect(try store.loadDefinition() == Self.scene.definition)
        }
    }

    @Test func storeFolderNamesAreSafeAndDistinct() {
        let root = URL(fileURLWithPath: "/data")
        let odd = RouterStore(dataDirectory: root, routerName: "../a b/c")
        #expect(odd.directory.deletingLastPathComponent().path == "/data/routers")
        #expect(odd.directory.lastPathComponent.hasPrefix(".._a_b_c-"))
        let similar = RouterStore(dataDirectory: root, routerName: "../a b?c")
        #expect(odd.directory != similar.directory)
    }

    @Test func openWithNothingSavedReturnsNil() async throws {
        try await withTemporaryDirectory { directory throws in
            let store = RouterStore(dataDirectory: directory, routerName: "never-saved")
            #expect(try await SemanticRouter.open(store: store, embedder: FakeEmbedder()) == nil)
        }
    }

    @Test func reopenedRouterKeepsItsRoutesRoutesTheSameAndEmbedsNothing() async throws {
        try await withTemporaryDirectory { directory throws in
            let store = RouterStore(dataDirectory: directory, routerName: "scene")
            let first = Self.scene.embedder()
            let original = try await Self.scene.router(embedder: first, store: store)
            #expect(first.embeddedCount == 4)

            let second = Self.scene.embedder()
            let reopened = try #require(try await SemanticRouter.open(store: store, embedder: second))
            #expect(second.embeddedCount == 0)
            #expect(reopened.definition == original.definition)
            #expect(reopened.referenceCount == 4)
            for query in [Plane.query, Plane.opposite, Plane.vector(atDistance: 0.6), Plane.vector(atDistance: 0.3, below: true)] {
                #expect(try reopened.routeMany(vector: query, maxK: 2) == original.routeMany(vector: query, maxK: 2))
                #expect(try reopened.referenceDistances(vector: query).map(\.distance) == original.referenceDistances(vector: query).map(\.distance))
            }
        }
    }

    @Test func afterAddingAReferenceAndReopeningOnlyThatTextWasEmbedded() async throws {
        try await withTemporaryDirectory { directory throws in
            let store = RouterStore(dataDirectory: directory, routerName: "scene")
            _ = try await Self.scene.router(store: store)
            let embedder = Self.scene.embedder()
            let router = try #require(try await SemanticRouter.open(store: store, embedder: embedder))
            try await router.addReferences(["chargeback"], to: "billing")
            let again = try #require(try await SemanticRouter.open(store: store, embedder: embedder))
            #expect(embedder.embeddedTexts == ["chargeback"])
            #expect(again.definition.route(named: "billing")?.references == ["invoice", "refund", "chargeback"])
            #expect(again.referenceCount == 5)
        }
    }

    @Test func everyChangeIsSaved() async throws {
        try await withTemporaryDirectory { directory throws in
            let store = RouterStore(dataDirectory: directory, routerName: "scene")
            let router = try await Self.scene.router(store: store)
            try await router.addRoute(Route(name: "sales", references: ["pricing"], distanceThreshold: 0.4))
            try router.deleteReferences(ids: [ReferenceID.of("bug")])
            try router.updateRouteThresholds(["billing": 0.3])
            try router.updateRoutingConfig(RoutingConfig(maxK: 2, aggregationMethod: .min))
            #expect(try router.removeRoute(named: "support"))
            let embedder = Self.scene.embedder()
            let reopened = try #require(try await SemanticRouter.open(store: store, embedder: embedder))
            #expect(reopened.definition == router.definition)
            #expect(reopened.definition.routes.map(\.name) == ["billing", "sales"])
            #expect(embedder.embeddedCount == 0)

            try router.clear()
            let cleared = try #require(try await SemanticRouter.open(store: store, embedder: embedder))
            #expect(cleared.definition.routes.isEmpty)
            #expect(cleared.referenceCount == 0)
        }
    }

    @Test func deleteRemovesWhatWasSaved() async throws {
        try await withTemporaryDirectory { directory throws in
            let store = RouterStore(dataDirectory: directory, routerName: "scene")
            let router = try await Self.scene.router(store: store)
            router.delete()
            #expect(!FileManager.default.fileExists(atPath: store.directory.path))
            #expect(try await SemanticRouter.open(store: store, embedder: FakeEmbedder()) == nil)
        }
    }

    @Test func changingTheModelNameInvalidatesTheCache() async throws {
        try await withTemporaryDirectory { directory throws in
            let store = RouterStore(dataDirectory: directory, routerName: "scene")
            _ = try await Self.scene.router(store: store)
            let other = Self.scene.embedder(modelName: "fake/other-model")
            _ = try #require(try await SemanticRouter.open(store: store, embedder: other))
            #expect(Set(other.embeddedTexts) == ["invoice", "refund", "crash", "bug"])
            #expect(other.embeddedCount == 4)
            // Vectors of the old model are dropped: back on it, everything is embedded again.
            let original = Self.scene.embedder()
            _ = try #require(try await SemanticRouter.open(store: store, embedder: original))
            #expect(original.embeddedCount == 4)
        }
    }

    /// Switching to a model of another width is a change of model too: the
    /// saved vectors are useless, so they are re-embedded rather than refused.
    @Test func changingToAModelOfAnotherDimensionReEmbedsInsteadOfFailing() async throws {
        try await withTemporaryDirectory { directory throws in
            let store = RouterStore(dataDirectory: directory, routerName: "scene")
            _ = try await Self.scene.router(store: store)
            let wider = FakeEmbedder(modelName: "fake/wider-model", dimension: 3)
            let reopened = try await SemanticRouter.open(store: store, embedder: wider)
            #expect(reopened?.referenceCount == 4)
            #expect(wider.embeddedCount == 4)
        }
    }

    @Test func corruptVectorFileIsAStorageError() async throws {
        try await withTemporaryDirectory { directory throws in
            let store = RouterStore(dataDirectory: directory, routerName: "scene")
            _ = try await Self.scene.router(store: store)
            let vectors = store.directory.appendingPathComponent("vectors.jvec")
            try Data("garbage".utf8).write(to: vectors)
            let error = try await #require(throws: RouterError.self) {
                _ = try await SemanticRouter.open(store: store, embedder: Self.scene.embedder())
            }
            #expect(error.code == "storage")
            #expect(error.message.contains(vectors.path))
        }
    }

    @Test func progressEndsAtTotalFor200References() async throws {
        let references = (0..<200).map { "reference \($0)" }
        let definition = RouterDefinition(
            name: "big", routes: [Route(name: "all", references: references)], vectorizer: VectorizerDescription(model: "fake/model")
        )
        let reports = Mutex<[(done: Int, total: Int)]>([])
        let embedder = FakeEmbedder(dimension: 8)
        let router = try await SemanticRouter(definition: definition, embedder: embedder) { done, total in
            reports.withLock { $0.append((done, total)) }
        }
        let seen = reports.withLock { $0 }
        #expect(router.referenceCount == 200)
        #expect(seen.first.map { [$0.done, $0.total] } == [0, 200])
        #expect(seen.last.map { [$0.done, $0.total] } == [200, 200])
        #expect(seen.allSatisfy { $0.total == 200 })
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.done < $1.done })
        #expect(embedder.embeddedCount == 200)
        #expect(embedder.calls == seen.count - 1)
    }

    @Test func duplicateReferenceTextsAreEmbeddedOnce() async throws {
        let definition = RouterDefinition(
            name: "dups",
            routes: [Route(name: "a", references: ["same", "other"]), Route(name: "b", references: ["same"])],
            vectorizer: VectorizerDescription(model: "fake/model")
        )
        let embedder = FakeEmbedder()
        let router = try await SemanticRouter(definition: definition, embedder: embedder)
        #expect(embedder.embeddedCount == 2)
        #expect(router.referenceCount == 3)
    }
}
