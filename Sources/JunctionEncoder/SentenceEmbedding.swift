/// One text's sentence embedding: an L2-normalised vector and how many tokens
/// (special tokens included, after truncation) the model saw.
public struct SentenceEmbedding: Sendable, Equatable {
    /// Unit-length vector of the model's dimension.
    public var vector: [Float]
    /// Tokens fed to the model, `[CLS]` and `[SEP]` included.
    public var tokenCount: Int

    /// Creates an embedding from a vector and its token count.
    public init(vector: [Float], tokenCount: Int) {
        self.vector = vector
        self.tokenCount = tokenCount
    }
}
