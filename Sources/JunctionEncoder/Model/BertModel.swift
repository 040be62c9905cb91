/// A BERT encoder: word, absolute position and token type embeddings with LayerNorm, then `layerCount`
/// transformer layers (`EncoderLayer`) of multi-head self-attention and a GELU feed-forward block, each
/// followed by a residual connection and LayerNorm.
///
/// Inputs are packed: the tokens of every sequence in a batch follow each other with no padding. Dense
/// layers run over all tokens at once (one matrix product per layer for the whole batch); attention runs
/// per sequence, so no token ever attends across sequences and no work is spent on padding.
struct BertModel: EncoderModel {
    let config: BertConfiguration
    let weights: BertWeights
    private let layers: [EncoderLayer]

    init(config: BertConfiguration, weights: BertWeights) {
        self.config = config
        self.weights = weights
        layers = EncoderLayer.stack(
            weights.layers, configuration: config.transformer, hiddenActivation: config.hiddenActivation,
            layerNormEpsilon: config.layerNormEpsilon
        )
    }

    /// The model's shape.
    var configuration: TransformerConfiguration { config.transformer }

    /// Runs the encoder over `batch` and returns the final hidden states,
    /// `[batch.tokenCount × hidden]`, valid until `workspace` is used again.
    func forward(_ batch: PackedBatch, workspace: BertWorkspace, threads: Int) -> UnsafePointer<Float> {
        workspace.reserve(tokens: batch.tokenCount, longest: batch.longest, configuration: configuration)
        embed(batch, into: workspace.hidden.pointer)
        for layer in layers {
            layer.forward(batch, workspace, threads: threads)
        }
        return UnsafePointer(workspace.hidden.pointer)
    }

    /// Word + position + token type (0) embeddings, then LayerNorm.
    private func embed(_ batch: PackedBatch, into hidden: UnsafeMutablePointer<Float>) {
        let h = config.hiddenSize
        let words = weights.wordEmbeddings.pointer
        let positions = weights.positionEmbeddings.pointer
        let tokenType = weights.tokenTypeEmbeddings.pointer
        for sequence in 0..<batch.sequenceCount {
            let start = batch.offsets[sequence]
            for position in 0..<(batch.offsets[sequence + 1] - start) {
                let row = hidden + (start + position) * h
                let word = words + Int(batch.ids[start + position]) * h
                let place = positions + position * h
                for i in 0..<h { row[i] = word[i] + place[i] }
            }
        }
        VectorMath.layerNorm(
            hidden, rows: batch.tokenCount, columns: h, bias: tokenType,
            gamma: weights.embeddingNormGamma.pointer, beta: weights.embeddingNormBeta.pointer,
            epsilon: config.layerNormEpsilon
        )
    }
}
