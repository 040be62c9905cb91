import Foundation
import HummingbirdTesting
import JunctionCache
import JunctionFakeUpstream
import JunctionGateway
import Logging
import NIOCore
import Testing

@Suite struct ShutdownTests {
    /// Runs the gateway's service group on a real socket, answers a slow request that is in flight when
    /// shutdown starts, and finds the cache flushed to its folder afterwards.
    @Test func gracefulShutdownFinishesInFlightRequestsAndFlushesTheCache() async throws {
        try await FakeUpstream.withRunning { upstream in
            var settings = configuration(upstream: upstream)
            settings.server.port = 0
            settings.cache.enabled = true
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("junction-shutdown-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let embedder = TestEmbedder()
            let cache = try EmbeddedSemanticCache.open(configuration: settings.cache.configuration, embedder: embedder, directory: directory)
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let gateway = try Gateway(configuration: settings, embedder: embedder, router: nil, cache: cache, logger: logger)
            let (ports, port) = AsyncStream<Int>.makeStream()
            let group = gateway.serviceGroup { bound in
                port.yield(bound)
                port.finish()
            }
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var iterator = ports.makeAsyncIterator()
                let bound = try #require(await iterator.next())
                let client = TestClient(host: "127.0.0.1", port: bound)
                client.connect()
                let first = try await client.post("/v1/chat/completions", body: chatBody(user: "keep me"))
                #expect(first.status == .ok)
                upstream.update { $0.delayMilliseconds = 300 }
                async let slow = client.post("/v1/chat/completions", body: chatBody(user: "slow one"))
                let deadline = ContinuousClock.now + .seconds(10)
                while upstream.chatRequests.count < 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
                await group.triggerGracefulShutdown()
                let answered = try await slow
                #expect(answered.status == .ok)
                try await client.shutdown()
                try await tasks.waitForAll()
            }
            let reopened = try EmbeddedSemanticCache.open(configuration: settings.cache.configuration, embedder: embedder, directory: directory)
            let stats = try await reopened.stats()
            #expect(stats.entries == 2)
            let hits = try await reopened.check(CacheLookup(prompt: "keep me", filters: [:]))
            #expect(hits.first?.response == "Echo: keep me")
        }
    }
}
