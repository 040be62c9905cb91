import Foundation
import JunctionEncoder
import JunctionRedis
import Synchronization

/// A semantic router on Redis, in exactly RedisVL's layout, so RedisVL's
/// `SemanticRouter` and Junction share one router: a RedisVL client can
/// `from_existing` a router Junction created, and the reverse.
///
/// References are hashes in a FLAT COSINE vector index (see
/// `RedisRouterLayout`); routing is RedisVL's single `FT.AGGREGATE` query,
/// so Redis computes the same thing as `RouteScorer` does in process. The
/// router dict lives at `{name}:route_config` and is rewritten after every
/// change. Junction's `nearest_3` aggregation cannot run as an
/// `FT.AGGREGATE` and is refused here with code `unsupported_aggregation`
/// (use the embedded `SemanticRouter` for it).
///
/// Safe to share: routing reads a snapshot of the definition; changes run one
/// at a time (Redis first, then `route_config`, then the local copy).
public final class RedisSemanticRouter: Router {
    /// Called while references are embedded: (done, total).
    public typealias Progress = SemanticRouter.Progress

    let layout: RedisRouterLayout
    let client: RedisClient
    let embedder: any TextEmbedder
    private let state: Mutex<RouterDefinition>
    let changes = ChangeLock()
    /// Commands per pipeline when loading references.
    static let pipelineBatch = 256

    init(definition: RouterDefinition, client: RedisClient, embedder: any TextEmbedder) {
        layout = RedisRouterLayout(name: definition.name)
        self.client = client
        self.embedder = embedder
        state = Mutex(definition)
    }

    /// The router's name: its index name and key prefix on Redis.
    public var name: String { layout.name }

    /// The router as RedisVL's dict describes it (this instance's copy of `route_config`).
    public var definition: RouterDefinition { state.withLock { $0 } }

    func setDefinition(_ definition: RouterDefinition) {
        state.withLock { $0 = definition }
    }

    // MARK: Creating and attaching

    /// Creates the router on Redis from `definition`, with RedisVL's semantics:
    ///
    /// - no index `{name}`: `FT.CREATE`, one `HSET` per reference (pipelined),
    ///   `JSON.SET {name}:route_config`;
    /// - the index exists and `overwrite` is false: its schema must be the
    ///   router schema for the embedder's width, or this refuses
    ///   (`schema_mismatch`); the router is then reused as it is. Beyond
    ///   RedisVL (which would write the new `route_config` over references it
    ///   does not store), a stored router with other routes or settings is
    ///   refused (`router_exists`): attach to it, or overwrite it;
    /// - the index exists and `overwrite` is true: `FT.DROPINDEX {name}`
    ///   without `DD` (as RedisVL: documents are kept, so unchanged references
    ///   are simply re-indexed), then as for a new index.
    ///
    /// Beyond RedisVL, when a new index is created the references listed in
    /// the previous `{name}:route_config` that the new definition no longer
    /// has are deleted (`UNLINK`): RedisVL leaves their hashes, the new index
    /// picks them up again, and they keep routing although no `route_config`
    /// lists them.
    ///
    /// References are embedded (in batches) before anything on Redis changes.
    /// The `vectorizer` written is the embedder's model when it differs from
    /// the definition's: it describes the stored vectors.
    public static func create(
        definition: RouterDefinition, client: RedisClient, embedder: any TextEmbedder,
        overwrite: Bool = false, progress: Progress? = nil
    ) async throws(RouterError) -> RedisSemanticRouter {
        try definition.validate()
        try checkRedisAggregation(definition.routingConfig.aggregationMethod)
        var definition = definition
        if definition.vectorizer.model != embedder.modelName {
            definition.vectorizer = VectorizerDescription(type: "hf", model: embedder.modelName)
        }
        for position in definition.routes.indices {
            definition.routes[position].references = SemanticRouter.unique(definition.routes[position].references)
        }
        let router = RedisSemanticRouter(definition: definition, client: client, embedder: embedder)
        let expected = RedisRouterSchema.router(name: definition.name, dimension: embedder.dimension)
        let existing = try await router.indexSchema()
        let previous = try? await router.storedDefinition(validated: false)

        if let existing, !overwrite {
            let differences = RedisRouterSchema.differences(existing, from: expected)
            guard differences.isEmpty else {
                throw RouterError(
                    code: "schema_mismatch",
                    message: "index \(definition.name) already exists on Redis and is not the router index for \(embedder.dimension)-d vectors: "
                        + differences.joined(separator: "; ") + ". Overwrite it to replace it."
                )
            }
            guard let previous else {
                throw RouterError(
                    code: "router_exists",
                    message: "index \(definition.name) already exists on Redis but \(router.layout.configKey) is missing or unreadable; overwrite it to replace it"
                )
            }
            guard previous == definition else {
                throw RouterError(
                    code: "router_exists",
                    message: "router \(definition.name) already exists on Redis with other routes or settings; attach to it, or overwrite it to replace it"
                )
            }
            try await router.saveConfig(definition)
            return router
        }

        let texts = definition.routes.flatMap(\.references)
        let vectors = try await SemanticRouter.embedMissing(texts, cached: [:], embedder: embedder, progress: progress)
        if existing != nil {
            _ = try await router.send(["FT.DROPINDEX", .string(definition.name)], "dropping index \(definition.name)")
        }
        _ = try await router.send(
            RedisRouterSchema.createCommand(name: definition.name, dimension: embedder.dimension), "creating index \(definition.name)"
        )
        try await router.store(definition.routes, vectors: vectors)
        if let previous {
            let kept = Set(router.keys(of: definition.routes))
            try await router.unlink(router.keys(of: previous.routes).filter { !kept.contains($0) })
        }
        try await router.saveConfig(definition)
        try await router.waitForIndexing()
        return router
    }

    /// Attaches to router `name` on Redis (RedisVL's `from_existing`): reads
    /// `{name}:route_config` and checks that the index `{name}` exists with
    /// the router schema for the embedder's width. Writes nothing.
    public static func attach(name: String, client: RedisClient, embedder: any TextEmbedder) async throws(RouterError) -> RedisSemanticRouter {
        let probe = RedisSemanticRouter(
            definition: RouterDefinition(name: name, routes: [], vectorizer: VectorizerDescription(model: embedder.modelName)),
            client: client, embedder: embedder
        )
        guard let definition = try await probe.storedDefinition(validated: true) else {
            throw RouterError(code: "not_found", message: "no router named \(name) on Redis (\(probe.layout.configKey) does not exist)")
        }
        guard definition.name == name else {
            throw RouterError(code: "invalid_router", message: "\(probe.layout.configKey) describes router \(definition.name), not \(name)")
        }
        try checkRedisAggregation(definition.routingConfig.aggregationMethod)
        guard let schema = try await probe.indexSchema() else {
            throw RouterError(code: "not_found", message: "router \(name) has a route_config on Redis but no search index \(name)")
        }
        let differences = RedisRouterSchema.differences(schema, from: RedisRouterSchema.router(name: name, dimension: embedder.dimension))
        guard differences.isEmpty else {
            throw RouterError(
                code: "schema_mismatch",
                message: "index \(name) on Redis is not RedisVL's router index for \(embedder.modelName) (\(embedder.dimension)-d vectors): "
                    + differences.joined(separator: "; ")
            )
        }
        return RedisSemanticRouter(definition: definition, client: client, embedder: embedder)
    }

    /// Re-reads `{name}:route_config`, to see changes made by other clients.
    public func reload() async throws(RouterError) {
        try await changes.run { () async throws(RouterError) in
            guard let stored = try await storedDefinition(validated: true) else {
                throw RouterError(code: "not_found", message: "router \(name) is gone from Redis (\(layout.configKey) does not exist)")
            }
            try Self.checkRedisAggregation(stored.routingConfig.aggregationMethod)
            setDefinition(stored)
        }
    }

    // MARK: Routing

    /// The best route for `text`, or nil when none matches under its threshold.
    public func route(_ text: String) async throws(RouterError) -> RouteMatch? {
        try await route(vector: await queryVector(text))
    }

    /// The best route for an already embedded text (RedisVL's `router(vector=...)`: `max_k` 1).
    public func route(vector: [Float]) async throws(RouterError) -> RouteMatch? {
        try await routeMany(vector: vector, maxK: 1).first
    }

    /// Up to `maxK` matching routes for `text`, nearest first.
    public func routeMany(_ text: String, maxK: Int? = nil, aggregation: DistanceAggregation? = nil) async throws(RouterError) -> [RouteMatch] {
        try await routeMany(vector: await queryVector(text), maxK: maxK, aggregation: aggregation)
    }

    /// Up to `maxK` (default: the routing config's) matching routes, nearest
    /// first, computed by Redis with RedisVL's `FT.AGGREGATE`.
    public func routeMany(vector: [Float], maxK: Int? = nil, aggregation: DistanceAggregation? = nil) async throws(RouterError) -> [RouteMatch] {
        let definition = self.definition
        let k = maxK ?? definition.routingConfig.maxK
        guard k >= 1 else { throw RouterError(code: "invalid_routing_config", message: "max_k must be greater than 0 (got \(k))") }
        let method = aggregation ?? definition.routingConfig.aggregationMethod
        try Self.checkRedisAggregation(method)
        guard vector.count == embedder.dimension else {
            throw RouterError(code: "invalid_vector", message: "cannot route a \(vector.count)-d vector with router \(name) (\(embedder.dimension)-d)")
        }
        guard vector.allSatisfy(\.isFinite), vector.contains(where: { $0 != 0 }) else {
            throw RouterError(code: "invalid_vector", message: "cannot route this vector: it must be finite and non-zero")
        }
        guard !definition.routes.isEmpty else { return [] }
        let command = layout.routeCommand(vector: vector, routes: definition.routes, method: method, maxK: k)
        let reply = try await send(command, "routing with router \(name)")
        guard let rows = RedisReply.aggregateRows(reply) else {
            throw RouterError(code: "redis", message: "routing with router \(name): unexpected FT.AGGREGATE reply")
        }
        return rows.compactMap { row in
            guard let route = row["route_name"], let distance = row["distance"].flatMap(Double.init) else { return nil }
            return RouteMatch(name: route, distance: distance)
        }
    }

    /// The embedding of `text` with the router's model; throws `embedding` when the embedder fails.
    public func queryVector(_ text: String) async throws(RouterError) -> [Float] {
        try await SemanticRouter.embed([text], with: embedder)[0]
    }

    /// Throws for aggregation methods Redis cannot compute.
    static func checkRedisAggregation(_ method: DistanceAggregation) throws(RouterError) {
        guard method.isRedisVLCompatible else {
            throw RouterError(
                code: "unsupported_aggregation",
                message: "aggregation \(method.rawValue) is a Junction extension that Redis cannot compute (FT.AGGREGATE reduces with avg, min or sum); use it with the embedded index"
            )
        }
    }
}
