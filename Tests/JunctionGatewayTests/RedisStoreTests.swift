import Foundation
import HTTPTypes
import HummingbirdTesting
import JunctionFakeUpstream
import JunctionGateway
import JunctionRouter
import JunctionTestSupport
import Logging
import NIOCore
import Testing

/// `Gateway.open` with `store.type: redis` on a real Redis: the router and the cache live there, in
/// RedisVL's layout, and outlive the gateway.
@Suite(.redisServer) struct RedisStoreTests {
    @Test func routesAndCachesOnRedisAcrossRestarts() async throws {
        try await FakeUpstream.withRunning { upstream in
            let suffix = UUID().uuidString.prefix(8).lowercased()
            var settings = configuration(upstream: upstream)
            settings.store = StoreSettings(kind: .redis, redisURL: try RedisServer.shared.url, fallbackToEmbedded: false)
            settings.cache.enabled = true
            settings.cache.configuration.name = "gateway-cache-\(suffix)"
            var definition = TestScene.definition()
            definition.name = "gateway-router-\(suffix)"
            settings.router = .definition(definition)
            let embedder = TestEmbedder(table: TestScene.table)
            var logger = Logger(label: "test")
            logger.logLevel = .critical

            let first = try await Gateway.open(configuration: settings, embedder: embedder, logger: logger)
            #expect(first.storeDescription == "redis")
            let (miss, ready) = try await first.application().test(.router) { client in
                (try await client.chat(chatBody(model: "auto", user: "near maths")), try await client.execute(uri: "/readyz", method: .get))
            }
            await first.shutdown()
            #expect(miss.header("x-junction-route") == "maths" && miss.header("x-junction-cache") == "miss")
            #expect(ready.status == .ok && ready.json["store"] as? String == "redis")

            let second = try await Gateway.open(configuration: settings, embedder: embedder, logger: logger)
            let (hit, stats) = try await second.application().test(.router) { client in
                (try await client.chat(chatBody(model: "auto", user: "near maths")), try await client.execute(uri: "/v1/admin/cache/stats", method: .get, headers: adminHeaders))
            }
            #expect(hit.header("x-junction-cache") == "hit" && hit.content == "Echo: near maths")
            #expect(stats.json["backend"] as? String == "redis" && stats.json["entries"] as? Int == 1)
            #expect(upstream.chatRequests.count == 1)
            _ = try await second.application().test(.router) { client in try await client.execute(uri: "/v1/admin/cache", method: .delete, headers: adminHeaders) }
            await second.shutdown()
        }
    }
}
