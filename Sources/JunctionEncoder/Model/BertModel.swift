import CKernels

/// A BERT encoder: embeddings, then `layerCount` transformer layers of masked
/// multi-head self-attention and a GELU feed-forward block, each followed by a
/// residual connection and LayerNorm.
///
/// Inputs are packed: the tokens of every sequence in a batch follow each other
/// with no padding. Dense layers run over all tokens at once (one matrix
/// product per layer for the whole batch); attention runs per sequence, so no
/// token ever attends across sequences and no work is spent on padding.
struct BertModel: Sendable {
    let config: BertConfiguration
    let weights: BertWeights
    private let activation: FeedForwardActivation
    /// Longest sequence whose attention runs in `junction_attention_head` rather than two BLAS calls per head.
    static let shortSequence = 48

    init(config: BertConfiguration, weights: BertWeights) {
        self.config = config
        self.weights = weights
        activation = FeedForwardActivation(rawValue: config.hiddenActivation) ?? .gelu
    }

    /// Runs the encoder over `batch` and returns the final hidden states,
    /// `[batch.tokenCount × hidden]`, valid until `workspace` is used again.
    func forward(_ batch: PackedBatch, workspace: BertWorkspace, threads: Int) -> UnsafePointer<Float> {
        let t = batch.tokenCount
        workspace.reserve(tokens: t, longest: batch.longest, config: config)
        embed(batch, into: workspace.hidden.pointer)
        for layer in weights.layers {
            attention(layer, batch, workspace, threads: threads)
            feedForward(layer, tokens: t, workspace, threads: threads)
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

    /// Self-attention block: `hidden ← LayerNorm(hidden + Attention(hidden))`, leaving the result in `attended`.
    private func attention(_ layer: BertWeights.Layer, _ batch: PackedBatch, _ workspace: BertWorkspace, threads: Int) {
        let t = batch.tokenCount, h = config.hiddenSize, d = config.headSize
        let hidden = workspace.hidden.pointer, qkv = workspace.qkv.pointer
        let context = workspace.context.pointer, scores = workspace.scores.pointer
        VectorMath.broadcastRows(layer.qkvBias.pointer, rows: t, columns: 3 * h, into: qkv)
        layer.qkv.apply(hidden, rows: t, into: qkv, accumulate: true, threads: threads)
        let scale = 1 / Float(d).squareRoot()
        for sequence in 0..<batch.sequenceCount {
            let start = batch.offsets[sequence]
            let length = batch.offsets[sequence + 1] - start
            let rows = qkv + start * 3 * h
            for head in 0..<config.headCount {
                let query = rows + head * d, key = rows + h + head * d, value = rows + 2 * h + head * d
                if length <= Self.shortSequence {
                    junction_attention_head(
                        query, key, value, Int32(3 * h), Int32(length), Int32(d), scale, scores,
                        context + start * h + head * d, Int32(h)
                    )
                    continue
                }
                BLAS.multiplyTransposed(
                    m: length, n: length, k: d, a: query, lda: 3 * h, b: key, ldb: 3 * h,
                    c: scores, ldc: length, alpha: scale
                )
                VectorMath.softmaxRows(scores, rows: length, columns: length)
                BLAS.multiply(
                    m: length, n: d, k: length, a: scores, lda: length, b: value, ldb: 3 * h,
                    c: context + start * h + head * d, ldc: h
                )
            }
        }
        let attended = workspace.attended.pointer
        attended.update(from: hidden, count: t * h)
        layer.attentionOutput.apply(context, rows: t, into: attended, accumulate: true, threads: threads)
        VectorMath.layerNorm(
            attended, rows: t, columns: h, bias: layer.attentionOutputBias.pointer,
            gamma: layer.attentionNormGamma.pointer, beta: layer.attentionNormBeta.pointer,
            epsilon: config.layerNormEpsilon
        )
    }

    /// Feed-forward block: `hidden ← LayerNorm(attended + W₂·GELU(W₁·attended))`.
    private func feedForward(_ layer: BertWeights.Layer, tokens t: Int, _ workspace: BertWorkspace, threads: Int) {
        let h = config.hiddenSize, i = config.intermediateSize
        let attended = workspace.attended.pointer, intermediate = workspace.intermediate.pointer
        let hidden = workspace.hidden.pointer
        layer.intermediate.apply(attended, rows: t, into: intermediate, accumulate: false, threads: threads)
        switch activation {
        case .gelu:
            VectorMath.biasGELU(intermediate, rows: t, columns: i, bias: layer.intermediateBias.pointer)
        case .geluNew, .geluTanh:
            VectorMath.biasGELUTanh(intermediate, rows: t, columns: i, bias: layer.intermediateBias.pointer)
        }
        hidden.update(from: attended, count: t * h)
        layer.output.apply(intermediate, rows: t, into: hidden, accumulate: true, threads: threads)
        VectorMath.layerNorm(
            hidden, rows: t, columns: h, bias: layer.outputBias.pointer,
            gamma: layer.outputNormGamma.pointer, beta: layer.outputNormBeta.pointer,
            epsilon: config.layerNormEpsilon
        )
    }
}
