/// An MPNet model's shape, decoded from Hugging Face `config.json` (`model_type` `mpnet`), as
/// `transformers`' `MPNetConfig` reads it.
public struct MPNetConfiguration: Sendable, Equatable, Decodable {
    /// Width of the hidden states (768 for all-mpnet-base-v2).
    public var hiddenSize: Int
    /// Number of transformer layers.
    public var layerCount: Int
    /// Number of attention heads; must divide `hiddenSize`.
    public var headCount: Int
    /// Width of the feed-forward layer.
    public var intermediateSize: Int
    /// Rows of the word embedding table.
    public var vocabularySize: Int
    /// Rows of the position embedding table (514 for MPNet-base: 512 positions after the padding rows).
    public var maxPositions: Int
    /// The padding token's id; positions count from `padTokenID + 1` (RoBERTa's convention). Default 1.
    public var padTokenID: Int
    /// Buckets of the relative position bias, shared by every layer. Default 32.
    public var relativeAttentionBuckets: Int
    /// LayerNorm epsilon. Default 1e-12 as in `MPNetConfig` (all-mpnet-base-v2 says 1e-5).
    public var layerNormEpsilon: Float
    /// Activation of the feed-forward layer (`gelu`, `gelu_new`, ...).
    public var hiddenActivation: String

    enum CodingKeys: String, CodingKey {
        case hiddenSize = "hidden_size"
        case layerCount = "num_hidden_layers"
        case headCount = "num_attention_heads"
        case intermediateSize = "intermediate_size"
        case vocabularySize = "vocab_size"
        case maxPositions = "max_position_embeddings"
        case padTokenID = "pad_token_id"
        case relativeAttentionBuckets = "relative_attention_num_buckets"
        case layerNormEpsilon = "layer_norm_eps"
        case hiddenActivation = "hidden_act"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        hiddenSize = try c.decode(Int.self, forKey: .hiddenSize)
        layerCount = try c.decode(Int.self, forKey: .layerCount)
        headCount = try c.decode(Int.self, forKey: .headCount)
        intermediateSize = try c.decode(Int.self, forKey: .intermediateSize)
        vocabularySize = try c.decode(Int.self, forKey: .vocabularySize)
        maxPositions = try c.decodeIfPresent(Int.self, forKey: .maxPositions) ?? 514
        padTokenID = try c.decodeIfPresent(Int.self, forKey: .padTokenID) ?? 1
        relativeAttentionBuckets = try c.decodeIfPresent(Int.self, forKey: .relativeAttentionBuckets) ?? 32
        layerNormEpsilon = try c.decodeIfPresent(Float.self, forKey: .layerNormEpsilon) ?? 1e-12
        hiddenActivation = try c.decodeIfPresent(String.self, forKey: .hiddenActivation) ?? "gelu"
    }

    /// Width of one attention head.
    public var headSize: Int { hiddenSize / headCount }

    /// The longest input the position table takes: its rows after the padding rows.
    public var usablePositions: Int { maxPositions - padTokenID - 1 }

    /// The shape every architecture reports.
    public var transformer: TransformerConfiguration {
        TransformerConfiguration(
            architecture: .mpnet, hiddenSize: hiddenSize, layerCount: layerCount, headCount: headCount,
            intermediateSize: intermediateSize, vocabularySize: vocabularySize, maxPositions: usablePositions
        )
    }

    /// Throws when this is not an MPNet that Junction can run.
    func validate(path: String) throws(EncoderError) {
        guard FeedForwardActivation(rawValue: hiddenActivation) != nil else {
            throw EncoderError.unsupported(path, "hidden_act \"\(hiddenActivation)\"; supported: gelu, gelu_new, gelu_pytorch_tanh")
        }
        guard hiddenSize > 0, layerCount > 0, headCount > 0, hiddenSize % headCount == 0, intermediateSize > 0,
              vocabularySize > 0
        else {
            throw EncoderError.unsupported(path, "inconsistent sizes (hidden_size \(hiddenSize) must be a positive multiple of num_attention_heads \(headCount))")
        }
        guard padTokenID >= 0, padTokenID < vocabularySize, usablePositions > 2 else {
            throw EncoderError.unsupported(path, "pad_token_id \(padTokenID) leaves no positions in max_position_embeddings \(maxPositions)")
        }
        guard relativeAttentionBuckets >= 4, relativeAttentionBuckets % 2 == 0 else {
            throw EncoderError.unsupported(path, "relative_attention_num_buckets must be an even number of at least 4, got \(relativeAttentionBuckets)")
        }
    }
}
