import HummingbirdTesting
import JunctionEmbeddings
import JunctionGateway
import JunctionRouter
import NIOCore
import Testing

/// The embeddings cache in the gateway's embed path: a repeated prompt skips the encoder, for routing, the
/// semantic cache and `/v1/embeddings` alike.
@Suite struct EmbeddingsCacheInThePathTests {
    @Test func aRepeatedPromptIsNotEmbeddedAgain() async throws {
        let encoder = TestEmbedder(table: TestScene.table)
        let registry = try EmbedderRegistry(configuration: EmbeddingsConfiguration(cache: EmbeddingsCacheConfiguration()))
        let served = await registry.register(encoder, type: "hf")
        let router = try await SemanticRouter(definition: TestScene.definition(), embedder: served)
        var settings = configuration(upstream: nil)
        settings.router = .none
        let gateway = try Gateway(configuration: settings, embedder: served, embedders: registry, router: router, cache: nil)
        let routeBody = #"{"input":"a prompt nobody sent before"}"#
        let references = encoder.embedded.count
        let (first, second, embedded) = try await gateway.application().test(.router) { client in
            (
                try await client.execute(uri: "/v1/route", method: .post, body: ByteBuffer(string: routeBody)),
                try await client.execute(uri: "/v1/route", method: .post, body: ByteBuffer(string: routeBody)),
                try await client.execute(uri: "/v1/embeddings", method: .post, body: ByteBuffer(string: #"{"input":"a prompt nobody sent before"}"#))
            )
        }
        await gateway.shutdown()
        #expect(first.status == .ok && second.status == .ok && embedded.status == .ok)
        #expect(encoder.embedded.count == references + 1, "the prompt went through the encoder once")
        let stats = try #require(registry.cache?.stats)
        #expect(stats.memoryHits == 2 && stats.misses >= 1)
    }
}
