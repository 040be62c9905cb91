import CKernels

/// The forward pass of one post-LayerNorm transformer layer (`EncoderLayerWeights`) over a packed batch,
/// shared by BERT and MPNet: multi-head self-attention per sequence, then the feed-forward block,
/// each followed by a residual connection and LayerNorm. The layer reads and writes `workspace.hidden`.
struct EncoderLayer {
    let weights: EncoderLayerWeights
    let configuration: TransformerConfiguration
    let activation: FeedForwardActivation
    let layerNormEpsilon: Float

    /// Longest sequence whose attention runs in `junction_attention_head` (one vectorised C function per head)
    /// rather than two BLAS calls per head; only without a score bias.
    static let shortSequence = 48

    /// Adds an architecture's bias to one head's attention scores before the softmax:
    /// `(head, sequence length, scores[length × length])`. MPNet's relative position bias is one.
    typealias ScoreBias = (_ head: Int, _ length: Int, _ scores: UnsafeMutablePointer<Float>) -> Void

    /// The layers of a model: one per weight set, sharing its shape, activation (`hidden_act`, GELU when
    /// unknown) and LayerNorm epsilon.
    static func stack(
        _ weights: [EncoderLayerWeights], configuration: TransformerConfiguration, hiddenActivation: String, layerNormEpsilon: Float
    ) -> [EncoderLayer] {
        let activation = FeedForwardActivation(rawValue: hiddenActivation) ?? .gelu
        return weights.map {
            EncoderLayer(weights: $0, configuration: configuration, activation: activation, layerNormEpsilon: layerNormEpsilon)
        }
    }

    /// `hidden ← LayerNorm(a + FeedForward(a))` with `a = LayerNorm(hidden + Attention(hidden))`.
    func forward(_ batch: PackedBatch, _ workspace: BertWorkspace, threads: Int, scoreBias: ScoreBias? = nil) {
        attention(batch, workspace, threads: threads, scoreBias: scoreBias)
        feedForward(tokens: batch.tokenCount, workspace, threads: threads)
    }

    /// Self-attention block: `attended ← LayerNorm(hidden + Attention(hidden))`.
    private func attention(_ batch: PackedBatch, _ workspace: BertWorkspace, threads: Int, scoreBias: ScoreBias?) {
        let t = batch.tokenCount, h = configuration.hiddenSize, d = configuration.headSize
        let hidden = workspace.hidden.pointer, qkv = workspace.qkv.pointer
        let context = workspace.context.pointer, scores = workspace.scores.pointer
        VectorMath.broadcastRows(weights.qkvBias.pointer, rows: t, columns: 3 * h, into: qkv)
        weights.qkv.apply(hidden, rows: t, into: qkv, accumulate: true, threads: threads)
        let scale = 1 / Float(d).squareRoot()
        for sequence in 0..<batch.sequenceCount {
            let start = batch.offsets[sequence]
            let length = batch.offsets[sequence + 1] - start
            let rows = qkv + start * 3 * h
            for head in 0..<configuration.headCount {
                let query = rows + head * d, key = rows + h + head * d, value = rows + 2 * h + head * d
                if scoreBias == nil, length <= Self.shortSequence {
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
                scoreBias?(head, length, scores)
                VectorMath.softmaxRows(scores, rows: length, columns: length)
                BLAS.multiply(
                    m: length, n: d, k: length, a: scores, lda: length, b: value, ldb: 3 * h,
                    c: context + start * h + head * d, ldc: h
                )
            }
        }
        let attended = workspace.attended.pointer
        attended.update(from: hidden, count: t * h)
        weights.attentionOutput.apply(context, rows: t, into: attended, accumulate: true, threads: threads)
        VectorMath.layerNorm(
            attended, rows: t, columns: h, bias: weights.attentionOutputBias.pointer,
            gamma: weights.attentionNormGamma.pointer, beta: weights.attentionNormBeta.pointer,
            epsilon: layerNormEpsilon
        )
    }

    /// Feed-forward block: `hidden ← LayerNorm(attended + W₂·GELU(W₁·attended))`.
    private func feedForward(tokens t: Int, _ workspace: BertWorkspace, threads: Int) {
        let h = configuration.hiddenSize, i = configuration.intermediateSize
        let attended = workspace.attended.pointer, intermediate = workspace.intermediate.pointer
        let hidden = workspace.hidden.pointer
        weights.intermediate.apply(attended, rows: t, into: intermediate, accumulate: false, threads: threads)
        switch activation {
        case .gelu:
            VectorMath.biasGELU(intermediate, rows: t, columns: i, bias: weights.intermediateBias.pointer)
        case .geluNew, .geluTanh:
            VectorMath.biasGELUTanh(intermediate, rows: t, columns: i, bias: weights.intermediateBias.pointer)
        }
        hidden.update(from: attended, count: t * h)
        weights.output.apply(intermediate, rows: t, into: hidden, accumulate: true, threads: threads)
        VectorMath.layerNorm(
            hidden, rows: t, columns: h, bias: weights.outputBias.pointer,
            gamma: weights.outputNormGamma.pointer, beta: weights.outputNormBeta.pointer,
            epsilon: layerNormEpsilon
        )
    }
}
