/// The weights of a BERT encoder, read from `model.safetensors` and laid out
/// for the forward pass (query, key and value fused into one matrix per layer).
struct BertWeights: Sendable {
    var wordEmbeddings: Tensor
    var positionEmbeddings: Tensor
    var tokenTypeEmbeddings: Tensor
    var embeddingNormGamma: Tensor
    var embeddingNormBeta: Tensor
    var layers: [EncoderLayerWeights]

    /// Reads every tensor the encoder needs, checking shapes against `config`.
    /// Tensor names may carry a prefix (`bert.`, `model.`) as some checkpoints do.
    init(file: SafeTensorsFile, config: BertConfiguration, precision: EncoderPrecision = .fp32) throws(EncoderError) {
        let prefix = try file.prefix(of: "embeddings.word_embeddings.weight")
        let h = config.hiddenSize
        func read(_ name: String, _ shape: [Int]) throws(EncoderError) -> Tensor {
            try file.tensor(prefix + name, shape: shape)
        }
        func dense(_ weight: Tensor) -> PackedLinear { PackedLinear(weight: weight, precision: precision) }
        wordEmbeddings = try read("embeddings.word_embeddings.weight", [config.vocabularySize, h])
        positionEmbeddings = try read("embeddings.position_embeddings.weight", [config.maxPositions, h])
        tokenTypeEmbeddings = try read("embeddings.token_type_embeddings.weight", [config.typeVocabularySize, h])
        embeddingNormGamma = try read("embeddings.LayerNorm.weight", [h])
        embeddingNormBeta = try read("embeddings.LayerNorm.bias", [h])
        layers = try EncoderLayerWeights.layers(count: config.layerCount, hidden: h, intermediate: config.intermediateSize, precision: precision, names: { index in
            let p = "encoder.layer.\(index)."
            return EncoderLayerWeights.Names(
                query: p + "attention.self.query", key: p + "attention.self.key", value: p + "attention.self.value",
                attentionOutput: p + "attention.output.dense", attentionNorm: p + "attention.output.LayerNorm",
                intermediate: p + "intermediate.dense", output: p + "output.dense", outputNorm: p + "output.LayerNorm"
            )
        }, read: read)
    }
}
