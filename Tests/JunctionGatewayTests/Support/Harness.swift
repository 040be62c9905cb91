import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JunctionCache
import JunctionFakeUpstream
import JunctionGateway
import JunctionRouter
import Logging
import Prometheus

/// A gateway built for a test: the test scene's router (unless told otherwise), its own Prometheus
/// registry, and the deterministic embedder.
struct Harness {
    let gateway: Gateway
    let registry: PrometheusCollectorRegistry
    let embedder: TestEmbedder

    /// The `/metrics` text.
    var metricsText: String { registry.emitToString() }

    static func make(
        _ configuration: GatewayConfiguration, router: RouterDefinition? = TestScene.definition(), cache: (any SemanticCache)? = nil,
        embedder: TestEmbedder = TestEmbedder(table: TestScene.table)
    ) async throws -> Harness {
        let registry = PrometheusCollectorRegistry()
        let metrics = GatewayMetrics(factory: PrometheusMetricsFactory(registry: registry))
        var routerInstance: (any JunctionRouter.Router)?
        if let router { routerInstance = try await SemanticRouter(definition: router, embedder: embedder) }
        var logger = Logger(label: "junction.gateway.tests")
        logger.logLevel = .critical
        let gateway = try Gateway(
            configuration: configuration, embedder: embedder, router: routerInstance, cache: cache, metrics: metrics,
            renderMetrics: { registry.emitToBuffer() }, logger: logger
        )
        return Harness(gateway: gateway, registry: registry, embedder: embedder)
    }

    /// Runs `body` against the gateway's router (no socket), then shuts the gateway down.
    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        do {
            let value = try await gateway.application().test(.router, body)
            await gateway.shutdown()
            return value
        } catch {
            await gateway.shutdown()
            throw error
        }
    }
}

/// A configuration whose one upstream is `upstream`, serving `gpt-4o-mini` and `gpt-4o`.
func configuration(
    upstream: FakeUpstream?, retries: Int = 1, timeoutSeconds: Double = 60, extraUpstreams: [UpstreamConfiguration] = [],
    fallbacks: [String] = []
) -> GatewayConfiguration {
    var configuration = GatewayConfiguration()
    configuration.router = .none
    configuration.cache.enabled = false
    configuration.access.adminKey = testAdminKey
    if let upstream {
        configuration.upstreams = [
            UpstreamConfiguration(
                name: "fake", baseURL: upstream.baseURL, apiKey: "sk-upstream", models: ["gpt-4o-mini", "gpt-4o"],
                modelMap: ["gpt-4o": "gpt-4o-2024-08-06"], timeoutSeconds: timeoutSeconds, retries: retries,
                retryBackoffMilliseconds: 1, fallbacks: fallbacks
            ),
        ] + extraUpstreams
    }
    return configuration
}

/// The admin key of every test configuration.
let testAdminKey = "sk-admin-test"

/// Headers carrying the admin key.
let adminHeaders: HTTPFields = [.authorization: "Bearer \(testAdminKey)"]

/// A chat request body.
func chatBody(model: String = "gpt-4o-mini", user: String = "What is Swift?", stream: Bool = false, extra: String = "") -> ByteBuffer {
    let content = (try? JSONSerialization.data(withJSONObject: user, options: .fragmentsAllowed)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    return ByteBuffer(string: "{\"model\":\"\(model)\",\"messages\":[{\"role\":\"user\",\"content\":\(content)}],\"stream\":\(stream)\(extra)}")
}

extension TestClientProtocol {
    /// `POST /v1/chat/completions`.
    func chat(_ body: ByteBuffer, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: "/v1/chat/completions", method: .post, headers: headers, body: body)
    }
}

extension TestResponse {
    /// The body parsed as a JSON object ([:] when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    /// The body as text.
    var text: String { String(buffer: body) }

    /// A response header by name.
    func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }

    /// The `error` object of an OpenAI error body.
    var error: [String: Any] { json["error"] as? [String: Any] ?? [:] }

    /// The first choice's message content of a `chat.completion`.
    var content: String? {
        ((json["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any])?["content"] as? String
    }

    /// The `data:` payloads of an SSE body, in order.
    var events: [String] {
        text.components(separatedBy: "\n\n").compactMap { block in
            block.hasPrefix("data: ") ? String(block.dropFirst(6)) : nil
        }
    }

    /// The text of a streamed answer, assembled from its chunks.
    var streamedContent: String {
        events.filter { $0 != "[DONE]" }.compactMap { event -> String? in
            let object = (try? JSONSerialization.jsonObject(with: Data(event.utf8))) as? [String: Any]
            let choice = (object?["choices"] as? [[String: Any]])?.first
            return (choice?["delta"] as? [String: Any])?["content"] as? String
        }.joined()
    }
}
