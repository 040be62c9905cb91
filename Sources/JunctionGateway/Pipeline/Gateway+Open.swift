import Foundation
import JunctionCache
import JunctionEncoder
import JunctionGuard
import JunctionLimits
import JunctionRedis
import JunctionRouter
import JunctionSessions
import Logging

extension Gateway {
    /// Builds the gateway's router and cache from the configuration's store and starts it:
    ///
    /// - `embedded`: a `SemanticRouter` whose reference vectors are kept in `store.data_dir` (unchanged
    ///   references are not embedded again on restart) and an `EmbeddedSemanticCache` saved there;
    /// - `redis`: a `RedisSemanticRouter` (created from the config's router, replacing one of the same name)
    ///   and a `RedisSemanticCache`, in RedisVL's layout. When Redis cannot be reached and
    ///   `store.fallback_to_embedded` is true, the embedded store is used instead (with a warning).
    ///
    /// Throws `invalid_config` for a configuration that cannot run, `store_unavailable` when the store
    /// cannot be opened.
    public static func open(
        configuration: GatewayConfiguration, embedder: any TextEmbedder, promptGuard: PromptGuard? = nil, metrics: GatewayMetrics = GatewayMetrics(),
        renderMetrics: @escaping @Sendable () -> [UInt8] = { [] }, logger: Logger = Logger(label: "junction.gateway")
    ) async throws(GatewayError) -> Gateway {
        try configuration.validate()
        guard configuration.store.kind == .redis else {
            return try await openEmbedded(configuration, embedder: embedder, promptGuard: promptGuard, metrics: metrics, renderMetrics: renderMetrics, logger: logger, description: "embedded")
        }
        let redisConfiguration: RedisConfiguration
        do {
            redisConfiguration = try RedisConfiguration(url: configuration.store.redisURL)
        } catch {
            throw GatewayError.invalidConfig("store.url: \(error.message)")
        }
        let client = RedisClient(configuration: redisConfiguration)
        do {
            try await client.connect()
        } catch {
            await client.close()
            let reason = "cannot reach Redis at \(redisConfiguration.redactedURL): \(error.message)"
            guard configuration.store.fallbackToEmbedded else { throw GatewayError(code: "store_unavailable", status: 503, message: reason) }
            logger.warning("redis unreachable; running on the embedded store", metadata: ["reason": "\(reason)"])
            return try await openEmbedded(
                configuration, embedder: embedder, promptGuard: promptGuard, metrics: metrics, renderMetrics: renderMetrics, logger: logger,
                description: "embedded (redis unreachable at start)"
            )
        }
        do throws(GatewayError) {
            var router: (any Router)?
            if let definition = configuration.routerDefinition {
                do {
                    router = try await RedisSemanticRouter.create(definition: definition, client: client, embedder: embedder, overwrite: true)
                } catch {
                    throw GatewayError(code: "store_unavailable", status: 503, message: "router \(definition.name) on Redis: \(error.message)")
                }
            }
            var cache: (any SemanticCache)?
            if configuration.cache.enabled {
                do {
                    cache = try await RedisSemanticCache.create(configuration: configuration.cache.configuration, client: client, embedder: embedder)
                } catch {
                    throw GatewayError(code: "store_unavailable", status: 503, message: "cache \(configuration.cache.configuration.name) on Redis: \(error.message)")
                }
            }
            let namespace = configuration.store.namespace
            let sessions: RedisSessionStore
            do {
                sessions = try await RedisSessionStore.open(client: client, name: configuration.session.name, namespace: namespace)
            } catch {
                throw GatewayError(code: "store_unavailable", status: 503, message: "sessions \(configuration.session.name) on Redis: \(error.message)")
            }
            let limiter = FailoverRateLimiter(
                redis: RedisRateLimiter(client: client, namespace: namespace), rule: configuration.access.onRedisFailure, logger: logger,
                onFailure: { metrics.limiterRedisFailure() }
            )
            return try Gateway(
                configuration: configuration, embedder: embedder, router: router, cache: cache, redis: client, storeDescription: "redis",
                keyStore: RedisKeyStore(client: client, namespace: namespace), limiter: limiter, sessionStore: sessions, promptGuard: promptGuard,
                metrics: metrics, renderMetrics: renderMetrics, logger: logger
            )
        } catch {
            await client.close()
            throw error
        }
    }

    private static func openEmbedded(
        _ configuration: GatewayConfiguration, embedder: any TextEmbedder, promptGuard: PromptGuard?, metrics: GatewayMetrics,
        renderMetrics: @escaping @Sendable () -> [UInt8], logger: Logger, description: String
    ) async throws(GatewayError) -> Gateway {
        let directory = URL(fileURLWithPath: configuration.store.dataDirectory, isDirectory: true)
        var router: (any Router)?
        if let definition = configuration.routerDefinition {
            do {
                let store = RouterStore(dataDirectory: directory, routerName: definition.name)
                router = try await SemanticRouter(definition: definition, embedder: embedder, store: store)
            } catch {
                throw GatewayError(code: "store_unavailable", status: 503, message: "router \(definition.name) in \(directory.path): \(error.message)")
            }
        }
        var cache: (any SemanticCache)?
        if configuration.cache.enabled {
            do {
                let folder = directory.appendingPathComponent("caches").appendingPathComponent(configuration.cache.configuration.name)
                cache = try EmbeddedSemanticCache.open(configuration: configuration.cache.configuration, embedder: embedder, directory: folder)
            } catch {
                throw GatewayError(code: "store_unavailable", status: 503, message: "cache \(configuration.cache.configuration.name) in \(directory.path): \(error.message)")
            }
        }
        let keyStore: EmbeddedKeyStore
        let sessions: EmbeddedSessionStore
        do {
            keyStore = try EmbeddedKeyStore(directory: directory)
        } catch {
            throw GatewayError(code: "store_unavailable", status: 503, message: "keys in \(directory.path): \(error.message)")
        }
        do {
            sessions = try EmbeddedSessionStore(directory: directory)
        } catch {
            throw GatewayError(code: "store_unavailable", status: 503, message: "sessions in \(directory.path): \(error.message)")
        }
        return try Gateway(
            configuration: configuration, embedder: embedder, router: router, cache: cache, storeDescription: description,
            keyStore: keyStore, limiter: LocalRateLimiter(), sessionStore: sessions, promptGuard: promptGuard, metrics: metrics, renderMetrics: renderMetrics, logger: logger
        )
    }
}
