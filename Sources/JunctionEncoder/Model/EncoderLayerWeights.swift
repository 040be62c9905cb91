/// The weights of one post-LayerNorm transformer layer as BERT and MPNet share it: self-attention (query,
/// key and value fused into one matrix), its output projection and LayerNorm, then the feed-forward block
/// and its LayerNorm. Only the tensor names differ between the architectures.
struct EncoderLayerWeights: Sendable {
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

    /// The tensor names of one layer, relative to the checkpoint's prefix.
    struct Names {
        var query: String
        var key: String
        var value: String
        var attentionOutput: String
        var attentionNorm: String
        var intermediate: String
        var output: String
        var outputNorm: String
    }

    /// Reads one layer, checking every shape against `hidden` and `intermediate` widths, and packs its dense
    /// layers' weights in `precision`. `read` resolves a name (without `.weight`/`.bias`) to a tensor of the
    /// given shape.
    init(
        names: Names, hidden h: Int, intermediate i: Int, precision: EncoderPrecision = .fp32,
        read: (String, [Int]) throws(EncoderError) -> Tensor
    ) throws(EncoderError) {
        func dense(_ weight: Tensor) -> PackedLinear { PackedLinear(weight: weight, precision: precision) }
        let query = try read(names.query + ".weight", [h, h])
        let key = try read(names.key + ".weight", [h, h])
        let value = try read(names.value + ".weight", [h, h])
        let queryBias = try read(names.query + ".bias", [h])
        let keyBias = try read(names.key + ".bias", [h])
        let valueBias = try read(names.value + ".bias", [h])
        qkv = dense(Self.concatenate([query, key, value], shape: [3 * h, h]))
        qkvBias = Self.concatenate([queryBias, keyBias, valueBias], shape: [3 * h])
        attentionOutput = dense(try read(names.attentionOutput + ".weight", [h, h]))
        attentionOutputBias = try read(names.attentionOutput + ".bias", [h])
        attentionNormGamma = try read(names.attentionNorm + ".weight", [h])
        attentionNormBeta = try read(names.attentionNorm + ".bias", [h])
        intermediate = dense(try read(names.intermediate + ".weight", [i, h]))
        intermediateBias = try read(names.intermediate + ".bias", [i])
        output = dense(try read(names.output + ".weight", [h, i]))
        outputBias = try read(names.output + ".bias", [h])
        outputNormGamma = try read(names.outputNorm + ".weight", [h])
        outputNormBeta = try read(names.outputNorm + ".bias", [h])
    }

    /// Reads `count` layers, layer `i` under the names `names(i)` gives.
    static func layers(
        count: Int, hidden: Int, intermediate: Int, precision: EncoderPrecision = .fp32, names: (Int) -> Names,
        read: (String, [Int]) throws(EncoderError) -> Tensor
    ) throws(EncoderError) -> [EncoderLayerWeights] {
        var layers: [EncoderLayerWeights] = []
        for index in 0..<count {
            layers.append(try EncoderLayerWeights(names: names(index), hidden: hidden, intermediate: intermediate, precision: precision, read: read))
        }
        return layers
    }

    /// The tensors one after the other in new storage, with the given shape.
    static func concatenate(_ parts: [Tensor], shape: [Int]) -> Tensor {
        let storage = TensorStorage(count: parts.reduce(0) { $0 + $1.count })
        var offset = 0
        for part in parts {
            (storage.mutablePointer + offset).update(from: part.pointer, count: part.count)
            offset += part.count
        }
        return Tensor(shape: shape, storage: storage)
    }

    /// `count` zeros, for an architecture without a tensor the shared kernels add (MPNet's token types).
    static func zeros(_ count: Int) -> Tensor {
        Tensor(shape: [count], storage: TensorStorage(count: count))
    }
}
