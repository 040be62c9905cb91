/// Anything that turns texts into sentence vectors: Junction's own `SentenceEncoder`, a provider's
/// embeddings API (`JunctionEmbeddings`), an embeddings cache in front of either, or a stand-in in tests.
public protocol TextEmbedder: Sendable {
    /// The model's name as written in router files (`vectorizer.model`), e.g.
    /// `sentence-transformers/all-MiniLM-L6-v2`; part of embedding cache keys.
    var modelName: String { get }
    /// Width of the vectors.
    var dimension: Int { get }
    /// One vector per text, in order. Throws when the texts cannot be embedded (a remote provider that
    /// failed after its retries, for example); Junction's own encoder never throws.
    func vectors(for texts: [String]) async throws -> [[Float]]
}

extension SentenceEncoder: TextEmbedder {
    /// One unit vector per text, in order.
    public func vectors(for texts: [String]) async -> [[Float]] {
        await embed(texts).map(\.vector)
    }
}
