/// A transformer encoder's forward pass over a packed batch: what the inference thread runs, whatever the
/// architecture (`BertModel`, `MPNetModel`).
protocol EncoderModel: Sendable {
    /// The model's shape.
    var configuration: TransformerConfiguration { get }

    /// Runs the encoder over `batch` and returns the last layer's hidden states,
    /// `[batch.tokenCount × hiddenSize]`, valid until `workspace` is used again.
    func forward(_ batch: PackedBatch, workspace: BertWorkspace, threads: Int) -> UnsafePointer<Float>
}

extension EncoderModel {
    /// Width of the hidden states and of the pooled sentence vector.
    var hiddenSize: Int { configuration.hiddenSize }
}
