import Foundation
import JunctionRouter

/// Everything `junction serve` runs with: one value built once at the edge (the executable turns flags, the
/// environment and the YAML file into it; the library never reads the environment). Every section has
/// documented defaults, so `GatewayConfiguration()` is the embedded default: the local model, the embedded
/// store, the cache on and an example router.
public struct GatewayConfiguration: Sendable, Equatable {
    /// Which router `model: "auto"` requests go through.
    public enum RouterSource: Sendable, Equatable {
        /// The built-in example router (`ExampleRouter`), the default.
        case example
        /// No router: every auto request takes `routing.default`.
        case none
        /// A RedisVL router dict (from `router:` or `router_file:`).
        case definition(RouterDefinition)
    }

    /// Listen address and request limits.
    public var server: ServerSettings
    /// The sentence encoder to load.
    public var encoder: EncoderSettings
    /// Embedded or Redis.
    public var store: StoreSettings
    /// The OpenAI-compatible backends, in order; empty = chat requests get 503 `no_upstream`.
    public var upstreams: [UpstreamConfiguration]
    /// Whether the config said anything about upstreams (the executable adds `OPENAI_BASE_URL` only when not).
    public var upstreamsConfigured: Bool
    /// How auto requests are routed.
    public var routing: RoutingSettings
    /// The router.
    public var router: RouterSource
    /// The semantic cache.
    public var cache: CacheSettings
    /// Bearer API key -> tenant name.
    public var tenantKeys: [String: String]
    /// API keys, limits and the admin key (`auth:`, `limits:`, `admin:`).
    public var access: AccessSettings
    /// Conversations kept by Junction (`session:`).
    public var session: SessionSettings
    /// The prompt guard (`guard:`).
    public var guardSettings: GuardSettings

    /// A configuration; the defaults are the embedded default.
    public init(
        server: ServerSettings = ServerSettings(), encoder: EncoderSettings = EncoderSettings(),
        store: StoreSettings = StoreSettings(), upstreams: [UpstreamConfiguration] = [], upstreamsConfigured: Bool = false,
        routing: RoutingSettings = RoutingSettings(), router: RouterSource = .example, cache: CacheSettings = CacheSettings(),
        tenantKeys: [String: String] = [:], access: AccessSettings = AccessSettings(), session: SessionSettings = SessionSettings(),
        guardSettings: GuardSettings = GuardSettings()
    ) {
        self.guardSettings = guardSettings
        self.session = session
        self.server = server
        self.encoder = encoder
        self.store = store
        self.upstreams = upstreams
        self.upstreamsConfigured = upstreamsConfigured
        self.routing = routing
        self.router = router
        self.cache = cache
        self.tenantKeys = tenantKeys
        self.access = access
    }

    /// The router definition in use, if any.
    public var routerDefinition: RouterDefinition? {
        switch router {
        case .example: ExampleRouter.definition
        case .none: nil
        case .definition(let definition): definition
        }
    }

    /// The action of each route of the router, checked: throws `invalid_config` naming the route whose
    /// metadata is wrong.
    public func routeActions() throws(GatewayError) -> [String: RouteAction] {
        guard let definition = routerDefinition else { return [:] }
        var actions: [String: RouteAction] = [:]
        for (position, route) in definition.routes.enumerated() {
            actions[route.name] = try RouteAction.parse(metadata: route.metadata, path: "router.routes[\(position)].metadata")
        }
        return actions
    }

    /// Throws `invalid_config` naming the first setting that cannot work together with the others.
    public func validate() throws(GatewayError) {
        var names: Set<String> = []
        for (position, upstream) in upstreams.enumerated() where !names.insert(upstream.name).inserted {
            throw GatewayError.invalidConfig("upstreams[\(position)].name: '\(upstream.name)' is used twice")
        }
        for (position, upstream) in upstreams.enumerated() {
            for fallback in upstream.fallbacks where !names.contains(fallback) || fallback == upstream.name {
                throw GatewayError.invalidConfig(
                    "upstreams[\(position)].fallbacks: '\(fallback)' is not another upstream (upstreams: \(names.sorted().joined(separator: ", ")))"
                )
            }
        }
        _ = try routeActions()
        if store.kind == .redis, cache.enabled, let definition = routerDefinition, definition.name == cache.configuration.name {
            throw GatewayError.invalidConfig(
                "cache.name: '\(definition.name)' is also the router's name; on Redis both are index names, so give the cache another name"
            )
        }
        if let definition = routerDefinition, definition.routes.contains(where: { $0.name == "none" }) {
            throw GatewayError.invalidConfig("router.routes: a route may not be named 'none' (the headers use it for no match)")
        }
    }
}
