import Foundation
import HTTPTypes
import HummingbirdTesting
import JunctionFakeUpstream
import JunctionGateway
import JunctionLimits
import JunctionRedis
import JunctionTestSupport
import Logging
import NIOCore
import ServiceLifecycle
import Testing

/// Two gateways on one Redis: what the admin API changes on one reaches the other through the config bus
/// (routes, keys), and limits are shared.
@Suite(.redisServer) struct SharedConfigurationTests {
    static func open(_ settings: GatewayConfiguration, embedder: TestEmbedder) async throws -> Gateway {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return try await Gateway.open(configuration: settings, embedder: embedder, logger: logger)
    }

    /// Runs `body` while `gateway`'s shared-configuration service listens.
    static func listening<T: Sendable>(_ gateway: Gateway, channel: String, _ body: @Sendable () async throws -> T) async throws -> T {
        let service = try #require(gateway.sharedConfigurationService)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await service.run()
                return nil
            }
            let client = try await RedisServer.client()
            let deadline = ContinuousClock.now + .seconds(10)
            while (try await client.send(["PUBSUB", "NUMSUB", .string(channel)]).array?.last?.int ?? 0) < 1 {
                guard ContinuousClock.now < deadline else { throw CancellationError() }
                try await Task.sleep(for: .milliseconds(5))
            }
            await client.close()
            let value = try await body()
            group.cancelAll()
            return value
        }
    }

    @Test func aRouteAndAKeyAddedOnOneInstanceServeOnTheOther() async throws {
        try await FakeUpstream.withRunning { upstream in
            let suffix = UUID().uuidString.prefix(8).lowercased()
            var settings = configuration(upstream: upstream)
            settings.store = StoreSettings(kind: .redis, redisURL: try RedisServer.shared.url, fallbackToEmbedded: false, namespace: "junction-test-\(suffix)")
            var definition = TestScene.definition()
            definition.name = "shared-router-\(suffix)"
            settings.router = .definition(definition)
            settings.access.required = true
            let embedder = TestEmbedder(table: TestScene.table.merging([
                "football scores": TestEmbedder.axis(6), "near sports": TestEmbedder.axis(6, distance: 0.05),
            ]) { $1 })
            let a = try await Self.open(settings, embedder: embedder)
            let b = try await Self.open(settings, embedder: embedder)
            let channel = "junction-test-\(suffix):config"
            try await Self.listening(b, channel: channel) {
                let (poller, limited) = try await a.application().test(.router) { client in
                    let poller = try await client.execute(uri: "/v1/admin/keys", method: .post, headers: adminHeaders, body: ByteBuffer(string: #"{"tenant":"ops"}"#))
                    let limited = try await client.execute(uri: "/v1/admin/keys", method: .post, headers: adminHeaders, body: ByteBuffer(string: #"{"tenant":"acme","requests_per_minute":2}"#))
                    _ = try await client.chat(chatBody(), headers: [.authorization: "Bearer \(limited.json["key"] as? String ?? "")"])
                    _ = try await client.execute(
                        uri: "/v1/admin/routes", method: .post, headers: adminHeaders,
                        body: ByteBuffer(string: #"{"name":"sports","references":["football scores"],"metadata":{"model":"gpt-4o"},"distance_threshold":0.3}"#)
                    )
                    return (poller, limited)
                }
                let pollerKey: HTTPFields = [.authorization: "Bearer \(try #require(poller.json["key"] as? String))"]
                let limitedKey: HTTPFields = [.authorization: "Bearer \(try #require(limited.json["key"] as? String))"]
                try await b.application().test(.router) { client in
                    let deadline = ContinuousClock.now + .seconds(5)
                    var route: String?
                    while route != "sports", ContinuousClock.now < deadline {
                        route = try await client.chat(chatBody(model: "auto", user: "near sports"), headers: pollerKey).header("x-junction-route")
                    }
                    #expect(route == "sports", "B routes with the route A added")
                    // The key's 2 requests per minute are counted across instances: A used one.
                    #expect(try await client.chat(chatBody(), headers: limitedKey).status == .ok)
                    expectError(try await client.chat(chatBody(), headers: limitedKey), status: 429, code: "rate_limit_exceeded", type: "requests")
                }
            }
            await a.shutdown()
            await b.shutdown()
        }
    }
}
