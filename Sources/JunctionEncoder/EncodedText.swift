import JunctionTokenizer

/// One text through the whole encoder in one forward pass: its tokens, its sentence embedding and the last
/// layer's hidden state of every token (the pooling's input), for heads that classify tokens (the guard's
/// PII head) beside the heads and indexes that read the sentence vector.
public struct EncodedText: Sendable, Equatable {
    /// The tokens the model saw, `[CLS]` and `[SEP]` included, after truncation, with their offsets in the
    /// text (``TokenizedText/offsets``) when they came from `SentenceEncoder.encodeWithStates(_:)`.
    public var tokens: TokenizedText
    /// The sentence embedding, what `embed(_:)` returns for the same text, pooled from `tokenStates`.
    public var embedding: SentenceEmbedding
    /// `[tokens.count × hidden]` row-major: the last layer's output for each token, before pooling.
    public var tokenStates: [Float]

    /// Creates an encoded text from its parts.
    public init(tokens: TokenizedText, embedding: SentenceEmbedding, tokenStates: [Float]) {
        self.tokens = tokens
        self.embedding = embedding
        self.tokenStates = tokenStates
    }
}
