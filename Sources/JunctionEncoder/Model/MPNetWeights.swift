/// The weights of an MPNet encoder, read from `model.safetensors` and laid out for the forward pass: the
/// layers as BERT's (`EncoderLayerWeights`, under MPNet's names `attention.attn.q/k/v/o`), the embeddings
/// without token types, and the relative attention bias table every layer shares.
struct MPNetWeights: Sendable {
    var wordEmbeddings: Tensor
    var positionEmbeddings: Tensor
    var embeddingNormGamma: Tensor
    var embeddingNormBeta: Tensor
    /// `[buckets × heads]`: `encoder.relative_attention_bias.weight`.
    var relativeAttentionBias: Tensor
    var layers: [EncoderLayerWeights]

    /// Reads every tensor the encoder needs, checking shapes against `config`. Tensor names may carry a
    /// prefix (`mpnet.`) as checkpoints of the masked-language model do.
    init(file: SafeTensorsFile, config: MPNetConfiguration, precision: EncoderPrecision = .fp32) throws(EncoderError) {
        let prefix = try file.prefix(of: "embeddings.word_embeddings.weight")
        let h = config.hiddenSize
        func read(_ name: String, _ shape: [Int]) throws(EncoderError) -> Tensor {
            try file.tensor(prefix + name, shape: shape)
        }
        wordEmbeddings = try read("embeddings.word_embeddings.weight", [config.vocabularySize, h])
        positionEmbeddings = try read("embeddings.position_embeddings.weight", [config.maxPositions, h])
        embeddingNormGamma = try read("embeddings.LayerNorm.weight", [h])
        embeddingNormBeta = try read("embeddings.LayerNorm.bias", [h])
        relativeAttentionBias = try read(
            "encoder.relative_attention_bias.weight", [config.relativeAttentionBuckets, config.headCount]
        )
        layers = try EncoderLayerWeights.layers(count: config.layerCount, hidden: h, intermediate: config.intermediateSize, precision: precision, names: { index in
            let p = "encoder.layer.\(index)."
            return EncoderLayerWeights.Names(
                query: p + "attention.attn.q", key: p + "attention.attn.k", value: p + "attention.attn.v",
                attentionOutput: p + "attention.attn.o", attentionNorm: p + "attention.LayerNorm",
                intermediate: p + "intermediate.dense", output: p + "output.dense", outputNorm: p + "output.LayerNorm"
            )
        }, read: read)
    }
}
