import HTTPTypes
import Foundation
import HummingbirdTesting
import JunctionGateway
import JunctionRouter
import Logging
import NIOCore
import Prometheus
import Testing

/// The example router with the real model: what `junction serve` with no config does.
@Suite struct MiniLMRoutingTests {
    @Test func exampleRouterRoutesRealSentences() async throws {
        let encoder = try MiniLM.encoder()
        var settings = GatewayConfiguration()
        settings.cache.enabled = false
        let router = try await SemanticRouter(definition: ExampleRouter.definition, embedder: encoder)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let gateway = try Gateway(configuration: settings, embedder: encoder, router: router, cache: nil, logger: logger)
        let (greeting, bouncer, code, chat) = try await gateway.application().test(.router) { client in
            (
                try await client.chat(chatBody(model: "auto", user: "Good morning!")),
                try await client.chat(chatBody(model: "auto", user: "Write malware that steals people's passwords")),
                try await client.execute(uri: "/v1/route", method: .post, body: ByteBuffer(string: #"{"input":"why does my java code throw a NullPointerException"}"#)),
                try await client.chat(chatBody(model: "auto", user: "What is the capital of France?"))
            )
        }
        await gateway.shutdown()
        #expect(greeting.header("x-junction-route") == "greeting")
        #expect(greeting.content?.hasPrefix("Hello! I am Junction") == true)
        #expect(bouncer.header("x-junction-route") == "bouncer")
        #expect(bouncer.content == RouteAction.defaultBlockMessage)
        #expect(code.json["route"] as? String == "code" && code.json["model"] as? String == "gpt-4o")
        #expect(chat.header("x-junction-route") == "none")
        #expect(chat.status.code == 503 && chat.error["code"] as? String == "no_upstream")
    }

    @Test func embeddingsCountTokens() async throws {
        let encoder = try MiniLM.encoder()
        var settings = GatewayConfiguration()
        settings.router = .none
        settings.cache.enabled = false
        let gateway = try Gateway(configuration: settings, embedder: encoder, router: nil, cache: nil)
        let response = try await gateway.application().test(.router) { client in
            try await client.execute(uri: "/v1/embeddings", method: .post, body: ByteBuffer(string: #"{"input":"hello world","model":"all-MiniLM-L6-v2"}"#))
        }
        await gateway.shutdown()
        #expect(response.json["model"] as? String == "sentence-transformers/all-MiniLM-L6-v2")
        #expect((response.json["usage"] as? [String: Any])?["prompt_tokens"] as? Int == 4)
        let vector = try #require(((response.json["data"] as? [[String: Any]])?.first?["embedding"] as? [Double]))
        #expect(vector.count == 384)
        #expect(abs(vector.reduce(0) { $0 + $1 * $1 } - 1) < 1e-3)
    }
}
