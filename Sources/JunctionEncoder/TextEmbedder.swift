/// Anything that turns texts into sentence vectors: Junction's own
/// `SentenceEncoder`, or a stand-in in tests.
public protocol TextEmbedder: Sendable {
    /// The model's name as written in router files (`vectorizer.model`), e.g.
    /// `sentence-transformers/all-MiniLM-L6-v2`; part of embedding cache keys.
    var modelName: String { get }
    /// Width of the vectors.
    var dimension: Int { get }
    /// One vector per text, in order.
    func vectors(for texts: [String]) async -> [[Float]]
}

extension SentenceEncoder: TextEmbedder {
    /// One unit vector per text, in order.
    public func vectors(for texts: [String]) async -> [[Float]] {
        await embed(texts).map(\.vector)
    }
}
