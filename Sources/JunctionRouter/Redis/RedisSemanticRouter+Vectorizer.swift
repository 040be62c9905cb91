import JunctionEncoder
import JunctionRedis

extension RedisSemanticRouter {
    /// The router dict stored at `{name}:route_config`, read without attaching: its `vectorizer` says which
    /// model embedded the references, so the caller can pick that embedder before `attach`. Nil when there
    /// is no such router.
    public static func storedDefinition(name: String, client: RedisClient) async throws(RouterError) -> RouterDefinition? {
        let probe = RedisSemanticRouter(
            definition: RouterDefinition(name: name, routes: [], vectorizer: VectorizerDescription(model: "")),
            client: client, embedder: NoEmbedder()
        )
        return try await probe.storedDefinition(validated: true)
    }
}

/// The embedder of a router read only for its definition: never asked to embed.
private struct NoEmbedder: TextEmbedder {
    var modelName: String { "" }
    var dimension: Int { 0 }

    func vectors(for texts: [String]) async throws -> [[Float]] {
        throw RouterError(code: "embedding", message: "a router read for its definition does not embed")
    }
}
