import Foundation
import HTTPTypes
import HummingbirdTesting
import JunctionFakeUpstream
import JunctionGateway
import Logging
import NIOCore
import Testing

@Suite struct StoreTests {
    private static func quietLogger() -> Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    /// `Gateway.open` on the embedded store: the router's vectors and the cache live in `store.data_dir`.
    @Test func embeddedStoreKeepsTheCacheAcrossRestarts() async throws {
        try await FakeUpstream.withRunning { upstream in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("junction-store-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            var settings = configuration(upstream: upstream)
            settings.cache.enabled = true
            settings.store.dataDirectory = directory.path
            settings.router = .definition(TestScene.definition())
            let embedder = TestEmbedder(table: TestScene.table)
            let first = try await Gateway.open(configuration: settings, embedder: embedder, logger: Self.quietLogger())
            let miss = try await first.application().test(.router) { client in try await client.chat(chatBody(model: "auto", user: "near maths")) }
            await first.shutdown()
            #expect(miss.header("x-junction-cache") == "miss" && miss.header("x-junction-route") == "maths")

            let second = try await Gateway.open(configuration: settings, embedder: embedder, logger: Self.quietLogger())
            let hit = try await second.application().test(.router) { client in try await client.chat(chatBody(model: "auto", user: "near maths")) }
            await second.shutdown()
            #expect(hit.header("x-junction-cache") == "hit" && hit.content == "Echo: near maths")
            #expect(upstream.chatRequests.count == 1)
        }
    }

    @Test func unreachableRedisFallsBackToTheEmbeddedStoreOrFails() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("junction-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var settings = configuration(upstream: nil)
        settings.cache.enabled = true
        settings.store = StoreSettings(kind: .redis, dataDirectory: directory.path, redisURL: "redis://127.0.0.1:1", fallbackToEmbedded: true)
        let embedder = TestEmbedder(table: TestScene.table)
        let degraded = try await Gateway.open(configuration: settings, embedder: embedder, logger: Self.quietLogger())
        #expect(degraded.storeDescription == "embedded (redis unreachable at start)")
        let ready = try await degraded.application().test(.router) { client in try await client.execute(uri: "/readyz", method: .get) }
        await degraded.shutdown()
        #expect(ready.status == .ok && ready.json["store"] as? String == "embedded (redis unreachable at start)")

        settings.store.fallbackToEmbedded = false
        let error = await #expect(throws: GatewayError.self) {
            try await Gateway.open(configuration: settings, embedder: embedder, logger: Self.quietLogger())
        }
        #expect(error?.code == "store_unavailable")
        #expect(error?.message.contains("redis://127.0.0.1:1") == true)
    }
}
