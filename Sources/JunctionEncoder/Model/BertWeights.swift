/// The weights of a BERT encoder, read from `model.safetensors` and laid out
/// for the forward pass (query, key and value fused into one matrix per layer).
struct BertWeights: Sendable {
    struct Layer: Sendable {
        /// `[3·hidden, hidden]`: query, key and value projections stacked.
        var qkv: PackedLinear
        var qkvBias: Tensor
        var attentionOutput: PackedLinear
        var attentionOutputBias: Tensor
        var attentionNormGamma: Tensor
        var attentionNormBeta: Tensor
        var intermediate: PackedLinear
        var intermediateBias: Tensor
        var output: PackedLinear
        var outputBias: Tensor
        var outputNormGamma: Tensor
        var outputNormBeta: Tensor
    }

    var wordEmbeddings: Tensor
    var positionEmbeddings: Tensor
    var tokenTypeEmbeddings: Tensor
    var embeddingNormGamma: Tensor
    var embeddingNormBeta: Tensor
    var layers: [Layer]

    /// Reads every tensor the encoder needs, checking shapes against `config`, and packs the dense layers'
    /// weights in `precision`. Tensor names may carry a prefix (`bert.`, `model.`) as some checkpoints do.
    init(file: SafeTensorsFile, config: BertConfiguration, precision: EncoderPrecision = .fp32) throws(EncoderError) {
        let suffix = "embeddings.word_embeddings.weight"
        guard let wordKey = file.entries.keys.filter({ $0.hasSuffix(suffix) }).min(by: { $0.count < $1.count }) else {
            throw EncoderError.missingTensor(suffix, file.path)
        }
        let prefix = String(wordKey.dropLast(suffix.count))
        let h = config.hiddenSize, i = config.intermediateSize
        func read(_ name: String, _ shape: [Int]) throws(EncoderError) -> Tensor {
            try file.tensor(prefix + name, shape: shape)
        }
        func dense(_ weight: Tensor) -> PackedLinear { PackedLinear(weight: weight, precision: precision) }
        wordEmbeddings = try read("embeddings.word_embeddings.weight", [config.vocabularySize, h])
        positionEmbeddings = try read("embeddings.position_embeddings.weight", [config.maxPositions, h])
        tokenTypeEmbeddings = try read("embeddings.token_type_embeddings.weight", [config.typeVocabularySize, h])
        embeddingNormGamma = try read("embeddings.LayerNorm.weight", [h])
        embeddingNormBeta = try read("embeddings.LayerNorm.bias", [h])
        layers = []
        for index in 0..<config.layerCount {
            let p = "encoder.layer.\(index)."
            let query = try read(p + "attention.self.query.weight", [h, h])
            let key = try read(p + "attention.self.key.weight", [h, h])
            let value = try read(p + "attention.self.value.weight", [h, h])
            let queryBias = try read(p + "attention.self.query.bias", [h])
            let keyBias = try read(p + "attention.self.key.bias", [h])
            let valueBias = try read(p + "attention.self.value.bias", [h])
            layers.append(Layer(
                qkv: dense(Self.concatenate([query, key, value], shape: [3 * h, h])),
                qkvBias: Self.concatenate([queryBias, keyBias, valueBias], shape: [3 * h]),
                attentionOutput: dense(try read(p + "attention.output.dense.weight", [h, h])),
                attentionOutputBias: try read(p + "attention.output.dense.bias", [h]),
                attentionNormGamma: try read(p + "attention.output.LayerNorm.weight", [h]),
                attentionNormBeta: try read(p + "attention.output.LayerNorm.bias", [h]),
                intermediate: dense(try read(p + "intermediate.dense.weight", [i, h])),
                intermediateBias: try read(p + "intermediate.dense.bias", [i]),
                output: dense(try read(p + "output.dense.weight", [h, i])),
                outputBias: try read(p + "output.dense.bias", [h]),
                outputNormGamma: try read(p + "output.LayerNorm.weight", [h]),
                outputNormBeta: try read(p + "output.LayerNorm.bias", [h])
            ))
        }
    }

    private static func concatenate(_ parts: [Tensor], shape: [Int]) -> Tensor {
        let storage = TensorStorage(count: parts.reduce(0) { $0 + $1.count })
        var offset = 0
        for part in parts {
            (storage.mutablePointer + offset).update(from: part.pointer, count: part.count)
            offset += part.count
        }
        return Tensor(shape: shape, storage: storage)
    }
}
