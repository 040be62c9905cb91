/// A BERT model's shape, decoded from Hugging Face `config.json`.
public struct BertConfiguration: Sendable, Equatable, Decodable {
    /// Width of the hidden states (384 for MiniLM-L6).
    public var hiddenSize: Int
    /// Number of transformer layers.
    public var layerCount: Int
    /// Number of attention heads; must divide `hiddenSize`.
    public var headCount: Int
    /// Width of the feed-forward layer.
    public var intermediateSize: Int
    /// Rows of the word embedding table.
    public var vocabularySize: Int
    /// Rows of the position embedding table: the longest input the model takes.
    public var maxPositions: Int
    /// Rows of the token type embedding table.
    public var typeVocabularySize: Int
    /// LayerNorm epsilon.
    public var layerNormEpsilon: Float
    /// Activation of the feed-forward layer (`gelu`, `gelu_new`, ...).
    public var hiddenActivation: String
    /// `model_type`, `bert` for the architectures Junction runs.
    public var modelType: String
    /// `position_embedding_type`; only `absolute` is supported.
    public var positionEmbeddingType: String

    enum CodingKeys: String, CodingKey {
        case hiddenSize = "hidden_size"
        case layerCount = "num_hidden_layers"
        case headCount = "num_attention_heads"
        case intermediateSize = "intermediate_size"
        case vocabularySize = "vocab_size"
        case maxPositions = "max_position_embeddings"
        case typeVocabularySize = "type_vocab_size"
        case layerNormEpsilon = "layer_norm_eps"
        case hiddenActivation = "hidden_act"
        case modelType = "model_type"
        case positionEmbeddingType = "position_embedding_type"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        hiddenSize = try c.decode(Int.self, forKey: .hiddenSize)
        layerCount = try c.decode(Int.self, forKey: .layerCount)
        headCount = try c.decode(Int.self, forKey: .headCount)
        intermediateSize = try c.decode(Int.self, forKey: .intermediateSize)
        vocabularySize = try c.decode(Int.self, forKey: .vocabularySize)
        maxPositions = try c.decodeIfPresent(Int.self, forKey: .maxPositions) ?? 512
        typeVocabularySize = try c.decodeIfPresent(Int.self, forKey: .typeVocabularySize) ?? 2
        layerNormEpsilon = try c.decodeIfPresent(Float.self, forKey: .layerNormEpsilon) ?? 1e-12
        hiddenActivation = try c.decodeIfPresent(String.self, forKey: .hiddenActivation) ?? "gelu"
        modelType = try c.decodeIfPresent(String.self, forKey: .modelType) ?? "bert"
        positionEmbeddingType = try c.decodeIfPresent(String.self, forKey: .positionEmbeddingType) ?? "absolute"
    }

    /// Width of one attention head.
    public var headSize: Int { hiddenSize / headCount }

    /// The shape every architecture reports.
    public var transformer: TransformerConfiguration {
        TransformerConfiguration(
            architecture: .bert, hiddenSize: hiddenSize, layerCount: layerCount, headCount: headCount,
            intermediateSize: intermediateSize, vocabularySize: vocabularySize, maxPositions: maxPositions
        )
    }

    /// Throws when this is not a BERT that Junction can run.
    func validate(path: String) throws(EncoderError) {
        guard modelType == "bert" else {
            throw EncoderError.unsupported(path, "model_type \"\(modelType)\"; only \"bert\" is supported")
        }
        guard positionEmbeddingType == "absolute" else {
            throw EncoderError.unsupported(path, "position_embedding_type \"\(positionEmbeddingType)\"; only \"absolute\" is supported")
        }
        guard FeedForwardActivation(rawValue: hiddenActivation) != nil else {
            throw EncoderError.unsupported(path, "hidden_act \"\(hiddenActivation)\"; supported: gelu, gelu_new, gelu_pytorch_tanh")
        }
        guard hiddenSize > 0, layerCount > 0, headCount > 0, hiddenSize % headCount == 0, intermediateSize > 0,
              vocabularySize > 0, maxPositions > 0, typeVocabularySize > 0
        else {
            throw EncoderError.unsupported(path, "inconsistent sizes (hidden_size \(hiddenSize) must be a positive multiple of num_attention_heads \(headCount))")
        }
    }
}

/// The feed-forward activations Junction implements.
enum FeedForwardActivation: String {
    case gelu
    case geluNew = "gelu_new"
    case geluTanh = "gelu_pytorch_tanh"
}
