import JunctionRouter

/// A router whose references sit at hand-chosen cosine distances from the
/// text "query" (embedded as `Plane.query`); "far" embeds as the opposite
/// direction, at distance 2 - d from every reference.
struct Scene {
    let definition: RouterDefinition
    let table: [String: [Float]]

    /// `routes`: name, distance threshold and (reference text, distance to "query") pairs.
    init(_ routes: [(name: String, threshold: Double, references: [(text: String, distance: Double)])], config: RoutingConfig = RoutingConfig()) {
        var table: [String: [Float]] = ["query": Plane.query, "far": Plane.opposite]
        var below = false
        for route in routes {
            for reference in route.references {
                precondition(table[reference.text] == nil, "reference texts must be unique in a scene")
                table[reference.text] = Plane.vector(atDistance: reference.distance, below: below)
                below.toggle()
            }
        }
        self.table = table
        definition = RouterDefinition(
            name: "scene",
            routes: routes.map { Route(name: $0.name, references: $0.references.map(\.text), distanceThreshold: $0.threshold) },
            vectorizer: VectorizerDescription(model: "fake/model"),
            routingConfig: config
        )
    }

    /// A fresh embedder that knows the scene's texts.
    func embedder(modelName: String = "fake/model") -> FakeEmbedder {
        FakeEmbedder(modelName: modelName, dimension: 2, table: table)
    }

    /// The scene's router, built with a fresh embedder unless one is given.
    func router(embedder: FakeEmbedder? = nil, store: RouterStore? = nil) async throws(RouterError) -> SemanticRouter {
        try await SemanticRouter(definition: definition, embedder: embedder ?? self.embedder(), store: store)
    }
}

/// Whether two distances agree to float precision.
func close(_ a: Double, _ b: Double, tolerance: Double = 1e-5) -> Bool { abs(a - b) <= tolerance }
