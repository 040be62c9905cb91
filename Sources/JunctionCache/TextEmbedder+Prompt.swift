import JunctionEncoder

extension TextEmbedder {
    /// `given` when the caller already has the prompt's vector, else the embedding of `prompt`; throws
    /// `embedding` when the embedder fails (a remote provider that is down, for example).
    func vector(_ given: [Float]?, for prompt: String?) async throws(CacheError) -> [Float] {
        if let given { return given }
        do {
            return try await vectors(for: [prompt ?? ""]).first ?? []
        } catch {
            throw CacheError(code: "embedding", message: "embedding the prompt with \(modelName): \(error)")
        }
    }
}
