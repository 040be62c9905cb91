import Foundation

/// An MPNet encoder (`transformers`' `MPNetModel`, as sentence-transformers runs all-mpnet-base-v2):
///
/// - embeddings: word + position, then LayerNorm; no token types. Positions count from
///   `pad_token_id + 1` and skip padding tokens (RoBERTa's `create_position_ids_from_input_ids`);
/// - a relative position bias: each query-key offset falls in one of `relative_attention_num_buckets`
///   buckets (T5's log-spaced buckets, 128 tokens apart at most), and each bucket has one learned value
///   per head, added to the attention scores of every layer. The bias depends only on the offsets, so it is
///   computed once per batch and shared by all layers;
/// - then BERT's post-LayerNorm transformer layers (`EncoderLayer`).
///
/// Inputs are packed as for BERT: no padding, attention per sequence.
struct MPNetModel: EncoderModel {
    let config: MPNetConfiguration
    let weights: MPNetWeights
    private let layers: [EncoderLayer]
    private let relativeBias: RelativePositionBias
    /// MPNet has no token types: a zero row where BERT adds token type 0 before the embedding LayerNorm.
    private let noTokenType: Tensor

    init(config: MPNetConfiguration, weights: MPNetWeights) {
        self.config = config
        self.weights = weights
        layers = EncoderLayer.stack(
            weights.layers, configuration: config.transformer, hiddenActivation: config.hiddenActivation,
            layerNormEpsilon: config.layerNormEpsilon
        )
        relativeBias = RelativePositionBias(
            table: weights.relativeAttentionBias, heads: config.headCount,
            buckets: config.relativeAttentionBuckets, longest: config.usablePositions
        )
        noTokenType = EncoderLayerWeights.zeros(config.hiddenSize)
    }

    /// The model's shape.
    var configuration: TransformerConfiguration { config.transformer }

    /// Runs the encoder over `batch` and returns the final hidden states,
    /// `[batch.tokenCount × hidden]`, valid until `workspace` is used again.
    func forward(_ batch: PackedBatch, workspace: BertWorkspace, threads: Int) -> UnsafePointer<Float> {
        workspace.reserve(tokens: batch.tokenCount, longest: batch.longest, configuration: configuration)
        embed(batch, into: workspace.hidden.pointer)
        let longest = batch.longest
        let bias = workspace.positionBias.pointer
        relativeBias.fill(bias, longest: longest)
        let stride = 2 * longest - 1
        for layer in layers {
            layer.forward(batch, workspace, threads: threads) { head, length, scores in
                RelativePositionBias.add(bias + head * stride, longest: longest, to: scores, length: length)
            }
        }
        return UnsafePointer(workspace.hidden.pointer)
    }

    /// Word + position embeddings, then LayerNorm. A padding token gets the padding position and does not
    /// advance the positions after it.
    private func embed(_ batch: PackedBatch, into hidden: UnsafeMutablePointer<Float>) {
        let h = config.hiddenSize, pad = Int32(config.padTokenID)
        let words = weights.wordEmbeddings.pointer
        let positions = weights.positionEmbeddings.pointer
        let lastPosition = config.maxPositions - 1
        for sequence in 0..<batch.sequenceCount {
            var counted = 0
            for index in batch.offsets[sequence]..<batch.offsets[sequence + 1] {
                let id = batch.ids[index]
                var position = config.padTokenID
                if id != pad {
                    counted += 1
                    position = min(config.padTokenID + counted, lastPosition)
                }
                let row = hidden + index * h
                let word = words + Int(id) * h
                let place = positions + position * h
                for i in 0..<h { row[i] = word[i] + place[i] }
            }
        }
        VectorMath.layerNorm(
            hidden, rows: batch.tokenCount, columns: h, bias: noTokenType.pointer,
            gamma: weights.embeddingNormGamma.pointer, beta: weights.embeddingNormBeta.pointer,
            epsilon: config.layerNormEpsilon
        )
    }
}

/// MPNet's relative position bias: the bucket of every query-key offset (computed once at load) and each
/// head's learned value per bucket.
struct RelativePositionBias: Sendable {
    /// `[heads × buckets]`: the learned values, one row per head.
    private let values: [Float]
    /// The bucket of offset `key − query`, at index `offset + longest − 1`.
    private let bucketOfOffset: [Int32]
    private let heads: Int
    private let buckets: Int
    private let longest: Int

    init(table: Tensor, heads: Int, buckets: Int, longest: Int) {
        self.heads = heads
        self.buckets = buckets
        self.longest = longest
        var values = [Float](repeating: 0, count: heads * buckets)
        let stored = table.pointer
        for bucket in 0..<buckets {
            for head in 0..<heads { values[head * buckets + bucket] = stored[bucket * heads + head] }
        }
        self.values = values
        bucketOfOffset = (-(longest - 1)...(longest - 1)).map { Int32(Self.bucket(offset: $0, buckets: buckets)) }
    }

    /// `transformers`' `MPNetEncoder.relative_position_bucket(memory − context, num_buckets, max_distance: 128)`,
    /// in float32 arithmetic as torch does it, so the log-spaced boundaries fall where torch puts them.
    static func bucket(offset: Int, buckets: Int, maxDistance: Int = 128) -> Int {
        let half = buckets / 2
        var n = -offset
        var result = 0
        if n < 0 { result += half }
        n = abs(n)
        let maxExact = half / 2
        if n < maxExact { return result + n }
        let ratio = Float(n) / Float(maxExact)
        let scaled = logf(ratio) / Float(Foundation.log(Double(maxDistance) / Double(maxExact))) * Float(half - maxExact)
        return result + min(maxExact + Int(scaled), half - 1)
    }

    /// Writes `[heads × (2·longest − 1)]` into `target`: each head's bias for every offset a batch whose
    /// longest sequence has `longest` tokens can have, offset `o` at index `o + longest − 1`.
    func fill(_ target: UnsafeMutablePointer<Float>, longest batchLongest: Int) {
        let width = 2 * batchLongest - 1
        let first = longest - batchLongest
        for head in 0..<heads {
            let row = target + head * width, headValues = head * buckets
            for k in 0..<width {
                row[k] = values[headValues + Int(bucketOfOffset[first + k])]
            }
        }
    }

    /// Adds one head's bias (`fill`'s row for that head) to `scores[length × length]` of one sequence:
    /// row `i`, column `j` gets the bias of offset `j − i`.
    static func add(_ headBias: UnsafePointer<Float>, longest: Int, to scores: UnsafeMutablePointer<Float>, length: Int) {
        for i in 0..<length {
            let row = scores + i * length
            let bias = headBias + (longest - 1 - i)
            for j in 0..<length { row[j] += bias[j] }
        }
    }
}
