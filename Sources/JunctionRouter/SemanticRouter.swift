import Foundation
import JunctionEncoder
import JunctionIndex
import Synchronization

/// A semantic router on the embedded index: RedisVL's `SemanticRouter`
/// semantics (see `RouteScorer`) over an in-memory exact cosine index,
/// optionally persisted to a data directory.
///
/// Safe to share: routing reads a snapshot of the state; changes embed their
/// texts first, then apply under a lock and save (when a store is set).
public final class SemanticRouter: Sendable {
    /// Called while references are embedded: (done, total).
    public typealias Progress = @Sendable (Int, Int) -> Void

    struct State {
        var definition: RouterDefinition {
            didSet { scorer = RouteScorer(routes: definition.routes.map { ($0.name, $0.distanceThreshold) }) }
        }
        /// Routing rule for the current routes, rebuilt when they change.
        private(set) var scorer: RouteScorer
        var index: FlatVectorIndex
        /// Vectors by embeddings-cache key, for persistence.
        var vectors: [String: [Float]]
        /// Route centroids and learned weights, rebuilt by `refresh()` after every change.
        private(set) var routeVectors: RouteVectors

        init(definition: RouterDefinition, index: FlatVectorIndex, vectors: [String: [Float]]) {
            self.definition = definition
            scorer = RouteScorer(routes: definition.routes.map { ($0.name, $0.distanceThreshold) })
            self.index = index
            self.vectors = vectors
            routeVectors = RouteVectors(definition: definition, index: index)
        }

        /// Rebuilds what is derived from the routes and their vectors.
        mutating func refresh() {
            routeVectors = RouteVectors(definition: definition, index: index)
        }

        /// Every route ranked for a unit query, best first (see `RouteRanking`).
        func ranking(unit: [Float], method: DistanceAggregation) throws(RouterError) -> RouteRanking {
            let thresholds = definition.routes.map(\.distanceThreshold)
            guard method.aggregatesReferences else {
                return try routeVectors.ranking(toUnit: unit, method: method, thresholds: thresholds)
            }
            // Scan the half-precision copy, then score exactly only the references
            // that can change the result (exact: see FlatVectorIndex.approximationBound).
            let tags = index.tags
            let candidates = scorer.candidates(
                tags: tags, approximate: index.approximateDistances(toUnit: unit),
                aggregation: method, bound: FlatVectorIndex.approximationBound
            )
            let ranked = scorer.ranked(
                tags: candidates.map { tags[$0] }, distances: index.exactDistances(at: candidates, toUnit: unit), aggregation: method
            )
            return RouteRanking(entries: ranked.map { .init(route: $0.route, score: $0.distance, threshold: thresholds[$0.route], distance: $0.distance) })
        }
    }

    private let state: Mutex<State>
    private let embedder: any TextEmbedder
    private let store: RouterStore?
    /// References embedded per call to the embedder.
    static let batchSize = 64

    /// Builds the router from `definition`, embedding its references (reusing
    /// vectors saved in `store` for unchanged ones) and saving it there.
    public init(
        definition: RouterDefinition, embedder: any TextEmbedder, store: RouterStore? = nil, progress: Progress? = nil
    ) async throws(RouterError) {
        try definition.validate()
        if definition.routingConfig.aggregationMethod == .softmax,
           let width = definition.routingConfig.softmax?.routes.first?.weights.count, width != embedder.dimension {
            throw RouterError(
                code: "invalid_routing_config",
                message: "routing_config.softmax has \(width)-d weights but \(embedder.modelName) makes \(embedder.dimension)-d vectors: fit the router with this model"
            )
        }
        self.embedder = embedder
        self.store = store
        var cached = try store?.loadVectors(dimension: embedder.dimension) ?? [:]
        let texts = definition.routes.flatMap(\.references)
        cached.merge(try await Self.embedMissing(texts, cached: cached, embedder: embedder, progress: progress)) { $1 }
        var index = FlatVectorIndex(dimension: embedder.dimension)
        var kept: [String: [Float]] = [:]
        for (position, route) in definition.routes.enumerated() {
            for reference in route.references {
                let key = ReferenceID.embeddingKey(reference, model: embedder.modelName)
                guard let vector = cached[key] else {
                    throw RouterError(code: "embedding", message: "no vector for a reference of route \(route.name)")
                }
                kept[key] = vector
                try Self.insert(reference, route: route.name, position: position, vector: vector, into: &index)
            }
        }
        state = Mutex(State(definition: definition, index: index, vectors: kept))
        try save()
    }

    /// Reopens the router saved in `store`; nil when nothing was saved there.
    public static func open(store: RouterStore, embedder: any TextEmbedder, progress: Progress? = nil) async throws(RouterError) -> SemanticRouter? {
        guard let definition = try store.loadDefinition() else { return nil }
        return try await SemanticRouter(definition: definition, embedder: embedder, store: store, progress: progress)
    }

    /// The router as RedisVL's dict describes it.
    public var definition: RouterDefinition { state.withLock { $0.definition } }

    /// Number of references indexed.
    public var referenceCount: Int { state.withLock { $0.index.count } }

    // MARK: Routing

    /// The best route for `text`, or nil when none matches under its threshold.
    public func route(_ text: String) async throws(RouterError) -> RouteMatch? {
        try route(vector: await queryVector(text))
    }

    /// The best route for an already embedded text.
    public func route(vector: [Float]) throws(RouterError) -> RouteMatch? {
        try routeMany(vector: vector, maxK: 1).first
    }

    /// Up to `maxK` matching routes for `text`, nearest first.
    public func routeMany(_ text: String, maxK: Int? = nil, aggregation: DistanceAggregation? = nil) async throws(RouterError) -> [RouteMatch] {
        try routeMany(vector: await queryVector(text), maxK: maxK, aggregation: aggregation)
    }

    /// Up to `maxK` (default: the routing config's) matching routes, nearest first.
    public func routeMany(vector: [Float], maxK: Int? = nil, aggregation: DistanceAggregation? = nil) throws(RouterError) -> [RouteMatch] {
        let snapshot = state.withLock { $0 }
        let config = snapshot.definition.routingConfig
        let k = maxK ?? config.maxK
        guard k >= 1 else { throw RouterError(code: "invalid_routing_config", message: "max_k must be greater than 0 (got \(k))") }
        let method = aggregation ?? config.aggregationMethod
        let ranking = try snapshot.ranking(unit: try Self.unit(vector, index: snapshot.index), method: method)
        // Confidence is calibrated for the router's own method only.
        let calibration = method == config.aggregationMethod ? config.confidence : nil
        return ranking.matches(names: snapshot.definition.routes.map(\.name), maxK: k, calibration: calibration)
    }

    /// The `max_k` 1 decision for an embedded text: the route (or none), the
    /// nearest route either way, and the calibrated confidence that the decision is right.
    public func decide(vector: [Float]) throws(RouterError) -> RouteDecision {
        let snapshot = state.withLock { $0 }
        let config = snapshot.definition.routingConfig
        let ranking = try snapshot.ranking(unit: try Self.unit(vector, index: snapshot.index), method: config.aggregationMethod)
        return ranking.decision(names: snapshot.definition.routes.map(\.name), calibration: config.confidence)
    }

    /// The decision for `text` (see `decide(vector:)`).
    public func decide(_ text: String) async throws(RouterError) -> RouteDecision {
        try decide(vector: await queryVector(text))
    }

    private static func unit(_ vector: [Float], index: FlatVectorIndex) throws(RouterError) -> [Float] {
        do {
            return try index.unitQuery(vector)
        } catch {
            throw RouterError(code: "invalid_vector", message: "cannot route this vector: \(error.message)")
        }
    }

    /// Distances of `vector` to every reference, with each reference's route
    /// position: the raw material of `junction fit`.
    public func referenceDistances(vector: [Float]) throws(RouterError) -> [(route: Int, distance: Float)] {
        let snapshot = state.withLock { $0 }
        do {
            return zip(snapshot.index.tags, try snapshot.index.distances(to: vector)).map { (route: $0, distance: $1) }
        } catch {
            throw RouterError(code: "invalid_vector", message: "cannot route this vector: \(error.message)")
        }
    }

    /// Every reference's unit vector (flat, `referenceCount × dimension`) and route position, in index order.
    public func referenceVectors() -> (vectors: [Float], routes: [Int]) {
        let snapshot = state.withLock { $0 }
        var vectors: [Float] = []
        vectors.reserveCapacity(snapshot.index.count * snapshot.index.dimension)
        for id in snapshot.index.allIDs { vectors += snapshot.index.vector(for: id) ?? [] }
        return (vectors, snapshot.index.tags)
    }

    /// The embedding of `text` with the router's model; throws `embedding` when the embedder fails.
    public func queryVector(_ text: String) async throws(RouterError) -> [Float] {
        try await Self.embed([text], with: embedder)[0]
    }

    // MARK: Helpers

    static func indexID(route: String, reference: String) -> String {
        route + ":" + ReferenceID.of(reference)
    }

    static func insert(_ reference: String, route: String, position: Int, vector: [Float], into index: inout FlatVectorIndex) throws(RouterError) {
        do {
            try index.upsert(indexID(route: route, reference: reference), vector: vector, tag: position)
        } catch {
            throw RouterError(code: "invalid_vector", message: "cannot index reference of route \(route): \(error.message)")
        }
    }

    /// Embeds the texts whose vectors are not in `cached`, in batches, reporting progress.
    static func embedMissing(
        _ texts: [String], cached: [String: [Float]], embedder: any TextEmbedder, progress: Progress?
    ) async throws(RouterError) -> [String: [Float]] {
        var seen: Set<String> = []
        let missing = texts.filter { text in
            let key = ReferenceID.embeddingKey(text, model: embedder.modelName)
            return cached[key] == nil && seen.insert(key).inserted
        }
        var vectors: [String: [Float]] = [:]
        var done = 0
        progress?(0, missing.count)
        for start in stride(from: 0, to: missing.count, by: batchSize) {
            let batch = Array(missing[start..<min(start + batchSize, missing.count)])
            let embedded = try await embed(batch, with: embedder)
            guard embedded.count == batch.count, embedded.allSatisfy({ $0.count == embedder.dimension }) else {
                throw RouterError(code: "embedding", message: "the embedder returned \(embedded.count) vectors for \(batch.count) texts")
            }
            for (text, vector) in zip(batch, embedded) {
                vectors[ReferenceID.embeddingKey(text, model: embedder.modelName)] = vector
            }
            done += batch.count
            progress?(done, missing.count)
        }
        return vectors
    }

    /// `embedder`'s vectors of `texts`, its failure as an `embedding` error.
    static func embed(_ texts: [String], with embedder: any TextEmbedder) async throws(RouterError) -> [[Float]] {
        do {
            let vectors = try await embedder.vectors(for: texts)
            guard vectors.count == texts.count else {
                throw RouterError(code: "embedding", message: "the embedder returned \(vectors.count) vectors for \(texts.count) texts")
            }
            return vectors
        } catch let error as RouterError {
            throw error
        } catch {
            throw RouterError(code: "embedding", message: "embedding with \(embedder.modelName): \(error)")
        }
    }

    /// Writes the definition and vectors to the store, if there is one.
    func save() throws(RouterError) {
        guard let store else { return }
        let snapshot = state.withLock { $0 }
        try store.saveVectors(snapshot.vectors, dimension: embedder.dimension)
        try store.save(snapshot.definition)
    }

    /// Applies a change under the lock and rebuilds the derived route vectors.
    func withState<T>(_ body: (inout State) throws(RouterError) -> T) throws(RouterError) -> T {
        try state.withLock { (state: inout State) throws(RouterError) -> T in
            let result = try body(&state)
            state.refresh()
            return result
        }
    }

    var modelName: String { embedder.modelName }
    var dimension: Int { embedder.dimension }
    var embedderForChanges: any TextEmbedder { embedder }
    var storeForChanges: RouterStore? { store }
}
