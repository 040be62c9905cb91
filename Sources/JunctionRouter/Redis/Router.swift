/// A semantic router, embedded (`SemanticRouter`) or on Redis
/// (`RedisSemanticRouter`): the surface the CLI and the gateway use, so either
/// can serve. Both follow RedisVL's routing rule (see `RouteScorer`) and keep
/// RedisVL's router dict as their `definition`.
///
/// Arguments have no defaults here (protocol requirements cannot have any):
/// through `any Router`, pass `nil` for "the routing config's value".
public protocol Router: AnyObject, Sendable {
    /// The router as RedisVL's dict describes it (name, routes, vectorizer, routing config).
    var definition: RouterDefinition { get }

    /// The embedding of `text` with the router's model; throws `embedding` when the embedder fails.
    func queryVector(_ text: String) async throws(RouterError) -> [Float]

    /// The best route for `text`, or nil when none matches under its threshold.
    func route(_ text: String) async throws(RouterError) -> RouteMatch?

    /// The best route for an already embedded text.
    func route(vector: [Float]) async throws(RouterError) -> RouteMatch?

    /// The `max_k` 1 decision with its calibrated confidence (see `RouteDecision`).
    func decide(vector: [Float]) async throws(RouterError) -> RouteDecision

    /// Up to `maxK` (nil: the routing config's) matching routes for `text`, nearest first.
    func routeMany(_ text: String, maxK: Int?, aggregation: DistanceAggregation?) async throws(RouterError) -> [RouteMatch]

    /// Up to `maxK` (nil: the routing config's) matching routes for an embedded text, nearest first.
    func routeMany(vector: [Float], maxK: Int?, aggregation: DistanceAggregation?) async throws(RouterError) -> [RouteMatch]

    /// Adds a route, embedding its references; throws if the name is taken.
    func addRoute(_ route: Route) async throws(RouterError)

    /// Removes a route and its references; false when there was no such route.
    @discardableResult
    func removeRoute(named name: String) async throws(RouterError) -> Bool

    /// Adds references to a route (texts it already has are skipped); returns the ids of those added.
    @discardableResult
    func addReferences(_ references: [String], to routeName: String) async throws(RouterError) -> [String]

    /// References of one route, or with the given reference ids (`sha256hex` of the text), or all.
    func references(route: String?, ids: [String]?) async throws(RouterError) -> [RouteReference]

    /// Deletes references by route and/or id; returns how many. Refuses to
    /// leave a route with no references (remove the route instead).
    @discardableResult
    func deleteReferences(route: String?, ids: [String]?) async throws(RouterError) -> Int

    /// Replaces the routing config.
    func updateRoutingConfig(_ config: RoutingConfig) async throws(RouterError)

    /// Sets the distance thresholds of the named routes (all or nothing).
    func updateRouteThresholds(_ thresholds: [String: Double]) async throws(RouterError)

    /// Removes every route and reference, keeping the router.
    func clear() async throws(RouterError)

    /// Deletes the router and everything it stored.
    func delete() async throws(RouterError)
}

extension SemanticRouter: Router {}

extension RedisSemanticRouter {
    /// The decision as `route(vector:)` makes it. Redis reports only routes under
    /// their thresholds, so neither the nearest rejected route nor a confidence
    /// is known here: both are nil (the embedded router has them).
    public func decide(vector: [Float]) async throws(RouterError) -> RouteDecision {
        let match = try await route(vector: vector)
        return RouteDecision(match: match, nearest: match, confidence: nil)
    }
}
