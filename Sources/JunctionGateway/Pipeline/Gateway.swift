import Foundation
import JunctionCache
import JunctionEncoder
import JunctionGuard
import JunctionJSON
import JunctionLimits
import JunctionRedis
import JunctionRouter
import JunctionSessions
import Logging
import Synchronization

/// The gateway: the configuration and the components it runs with (embedder, router, cache, upstreams,
/// metrics). `open` builds them from the configuration; `application()` serves them over HTTP;
/// `shutdown()` flushes the store and closes the clients.
public final class Gateway: Sendable {
    /// What a reload replaces as one: the configuration and what is derived from it.
    struct Runtime: Sendable {
        var configuration: GatewayConfiguration
        var actions: [String: RouteAction]
    }

    private let runtime: Mutex<Runtime>
    /// The configuration it runs with now (a reload replaces it).
    public var configuration: GatewayConfiguration { runtime.withLock { $0.configuration } }
    /// Each route's action, from the router's metadata.
    var actions: [String: RouteAction] { runtime.withLock { $0.actions } }
    let embedder: any TextEmbedder
    let router: (any Router)?
    let cache: (any SemanticCache)?
    /// API keys: the config's and the admin API's.
    let keys: KeyDirectory
    /// Requests and tokens per minute, budgets.
    let limiter: any RateLimiter
    /// Announces and hears shared configuration changes, on Redis.
    let bus: ConfigBus?
    /// Conversations named by the session header.
    let sessions: (any SessionStore)?
    /// The prompt guard, when the config has a `guard:` section.
    let promptGuard: PromptGuard?
    let upstreams: UpstreamPool
    let metrics: GatewayMetrics
    let logger: Logger
    let renderMetrics: @Sendable () -> [UInt8]
    let redis: RedisClient?
    /// Where routes and cache entries live: `embedded`, `redis`, or `embedded` after a fallback.
    public let storeDescription: String

    /// Assembles a gateway from ready components (`open` builds them from the configuration).
    ///
    /// - Parameters:
    ///   - cache: the semantic cache, nil when `configuration.cache.enabled` is false.
    ///   - redis: the Redis client the router and cache use, closed on shutdown and pinged by `/readyz`.
    ///   - keyStore: where admin-created keys live (nil: in memory only).
    ///   - limiter: the rate limiter (nil: in process).
    ///   - sessionStore: where sessions live (nil: in memory only).
    ///   - promptGuard: the loaded guard (its heads), required when `configuration.guardSettings.configured`.
    ///   - renderMetrics: renders `/metrics` (the executable's Prometheus registry).
    public init(
        configuration: GatewayConfiguration, embedder: any TextEmbedder, router: (any Router)?, cache: (any SemanticCache)?,
        redis: RedisClient? = nil, storeDescription: String = "embedded", keyStore: (any KeyStore)? = nil,
        limiter: (any RateLimiter)? = nil, sessionStore: (any SessionStore)? = nil, promptGuard: PromptGuard? = nil,
        metrics: GatewayMetrics = GatewayMetrics(),
        renderMetrics: @escaping @Sendable () -> [UInt8] = { [] }, logger: Logger = Logger(label: "junction.gateway")
    ) throws(GatewayError) {
        try configuration.validate()
        if configuration.guardSettings.configured, promptGuard == nil {
            throw GatewayError.invalidConfig("guard: the config has a guard section but no guard was loaded (its heads are missing)")
        }
        self.promptGuard = promptGuard
        runtime = Mutex(Runtime(configuration: configuration, actions: try configuration.routeActions()))
        self.embedder = embedder
        self.router = router
        self.cache = configuration.cache.enabled ? cache : nil
        let store: any KeyStore
        if let keyStore {
            store = keyStore
        } else {
            do {
                store = try EmbeddedKeyStore(directory: nil)
            } catch {
                throw GatewayError(code: "store_unavailable", status: 503, message: error.message)
            }
        }
        keys = KeyDirectory(store: store, configured: configuration.access.keys)
        self.limiter = limiter ?? LocalRateLimiter()
        bus = redis.map { ConfigBus(client: $0, namespace: configuration.store.namespace) }
        if let sessionStore {
            sessions = sessionStore
        } else {
            do {
                sessions = try EmbeddedSessionStore(directory: nil)
            } catch {
                throw GatewayError(code: "store_unavailable", status: 503, message: error.message)
            }
        }
        self.redis = redis
        self.storeDescription = storeDescription
        self.metrics = metrics
        self.renderMetrics = renderMetrics
        self.logger = logger
        upstreams = UpstreamPool(upstreams: configuration.upstreams, metrics: metrics, logger: logger)
    }

    /// Changes the configuration and what derives from it, as one step.
    func updateRuntime(_ change: (inout Runtime) -> Void) {
        runtime.withLock { change(&$0) }
    }

    /// Writes the cache to its store and closes the upstream and Redis clients. Call once, after the server
    /// stopped taking requests.
    public func shutdown() async {
        if let cache {
            do {
                try await cache.flush()
                logger.info("cache flushed", metadata: ["cache": "\(cache.configuration.name)"])
            } catch {
                logger.error("cache flush failed", metadata: ["error": "\(error.message)"])
            }
        }
        if let store = sessions as? EmbeddedSessionStore {
            do {
                try store.flush()
            } catch {
                logger.error("sessions not saved", metadata: ["error": "\(error.message)"])
            }
        }
        await upstreams.shutdown()
        await redis?.close()
    }

    /// Embeds `texts`, recording the `embed` stage.
    func embed(_ texts: [String]) async -> [[Float]] {
        let started = ContinuousClock.now
        let vectors = await embedder.vectors(for: texts)
        metrics.stage(.embed, ContinuousClock.now - started)
        return vectors
    }
}
