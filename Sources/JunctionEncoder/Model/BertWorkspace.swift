/// Scratch buffers for one forward pass of a BERT-family encoder (BERT, MPNet), grown on demand and reused
/// across calls so the hot path does not allocate. Owned by one thread at a time.
final class BertWorkspace {
    /// A growable F32 buffer.
    final class Buffer {
        private(set) var pointer = UnsafeMutablePointer<Float>.allocate(capacity: 1)
        private var capacity = 1

        func reserve(_ count: Int) {
            guard count > capacity else { return }
            pointer.deallocate()
            capacity = max(count, capacity * 2)
            pointer = .allocate(capacity: capacity)
        }

        deinit { pointer.deallocate() }
    }

    /// `[tokens × hidden]` input and output of each layer.
    let hidden = Buffer()
    /// `[tokens × 3·hidden]` query, key and value projections.
    let qkv = Buffer()
    /// `[tokens × hidden]` attention context, then the feed-forward output.
    let context = Buffer()
    /// `[tokens × hidden]` attention output after its LayerNorm.
    let attended = Buffer()
    /// `[tokens × intermediate]` feed-forward activations.
    let intermediate = Buffer()
    /// `[longest × longest]` attention scores of one head.
    let scores = Buffer()
    /// `[heads × (2·longest − 1)]` relative position bias of every head by offset (MPNet only).
    let positionBias = Buffer()

    /// Makes room for `tokens` packed tokens whose longest sequence is `longest`.
    func reserve(tokens: Int, longest: Int, configuration: TransformerConfiguration) {
        let h = configuration.hiddenSize
        hidden.reserve(tokens * h)
        qkv.reserve(tokens * 3 * h)
        context.reserve(tokens * h)
        attended.reserve(tokens * h)
        intermediate.reserve(tokens * configuration.intermediateSize)
        scores.reserve(longest * longest)
        if configuration.architecture == .mpnet {
            positionBias.reserve(configuration.headCount * (2 * longest - 1))
        }
    }
}
