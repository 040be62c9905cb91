import Foundation
import JunctionCache
import JunctionEncoder
import JunctionJSON
import JunctionRedis
import JunctionRouter
import Logging

/// The gateway: the configuration and the components it runs with (embedder, router, cache, upstreams,
/// metrics). `open` builds them from the configuration; `application()` serves them over HTTP;
/// `shutdown()` flushes the store and closes the clients.
public final class Gateway: Sendable {
    /// The configuration it runs with.
    public let configuration: GatewayConfiguration
    let embedder: any TextEmbedder
    let router: (any Router)?
    let actions: [String: RouteAction]
    let cache: (any SemanticCache)?
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
    ///   - renderMetrics: renders `/metrics` (the executable's Prometheus registry).
    public init(
        configuration: GatewayConfiguration, embedder: any TextEmbedder, router: (any Router)?, cache: (any SemanticCache)?,
        redis: RedisClient? = nil, storeDescription: String = "embedded", metrics: GatewayMetrics = GatewayMetrics(),
        renderMetrics: @escaping @Sendable () -> [UInt8] = { [] }, logger: Logger = Logger(label: "junction.gateway")
    ) throws(GatewayError) {
        try configuration.validate()
        self.configuration = configuration
        self.embedder = embedder
        self.router = router
        actions = try configuration.routeActions()
        self.cache = configuration.cache.enabled ? cache : nil
        self.redis = redis
        self.storeDescription = storeDescription
        self.metrics = metrics
        self.renderMetrics = renderMetrics
        self.logger = logger
        upstreams = UpstreamPool(upstreams: configuration.upstreams, metrics: metrics, logger: logger)
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
        await upstreams.shutdown()
        await redis?.close()
    }

    /// Embeds `texts`, recording the `embed` stage; an embedder that fails (a remote provider down after its
    /// retries) is a 502 `embedding_failed`.
    func embed(_ texts: [String]) async throws(GatewayError) -> [[Float]] {
        let started = ContinuousClock.now
        defer { metrics.stage(.embed, ContinuousClock.now - started) }
        do {
            return try await embedder.vectors(for: texts)
        } catch {
            throw GatewayError(code: "embedding_failed", status: 502, message: "embedding with \(embedder.modelName) failed: \(error)")
        }
    }

    /// The tenant of a request: the configured name of its bearer key, else the first 16 hex digits of the
    /// key's SHA-256, else `anonymous`.
    func tenant(authorization: String?) -> String {
        guard let authorization else { return "anonymous" }
        let key = authorization.hasPrefix("Bearer ") ? String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces) : authorization
        guard !key.isEmpty else { return "anonymous" }
        if let tenant = configuration.tenantKeys[key] { return tenant }
        return String(Hashify.sha256Hex(key).prefix(16))
    }
}
