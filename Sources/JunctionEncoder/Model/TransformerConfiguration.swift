/// The transformer architectures Junction's encoder runs, as `config.json`'s `model_type` names them.
public enum ModelArchitecture: String, Sendable, Equatable, CaseIterable {
    /// BERT (MiniLM, bge, ...): absolute position embeddings and token type embeddings.
    case bert
    /// MPNet (all-mpnet-base-v2): position embeddings counted from `pad_token_id`, no token types, and a
    /// relative position bias added to every layer's attention scores.
    case mpnet
}

/// A loaded model's shape, whatever its architecture: what `SentenceEncoder.configuration` reports.
public struct TransformerConfiguration: Sendable, Equatable {
    /// Which architecture's forward pass runs.
    public var architecture: ModelArchitecture
    /// Width of the hidden states and of the sentence vector (384 for MiniLM-L6, 768 for MPNet-base).
    public var hiddenSize: Int
    /// Number of transformer layers.
    public var layerCount: Int
    /// Number of attention heads; divides `hiddenSize`.
    public var headCount: Int
    /// Width of the feed-forward layer.
    public var intermediateSize: Int
    /// Rows of the word embedding table.
    public var vocabularySize: Int
    /// The longest input in tokens the position embeddings can take (for MPNet, the table's rows less the
    /// `pad_token_id + 1` rows before the first position).
    public var maxPositions: Int

    /// Width of one attention head.
    public var headSize: Int { hiddenSize / headCount }
}
