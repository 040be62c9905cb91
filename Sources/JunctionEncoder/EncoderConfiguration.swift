/// How a `SentenceEncoder` runs.
public struct EncoderConfiguration: Sendable, Equatable {
    /// Threads the BLAS library may use for one matrix product. Default 1:
    /// lowest latency per core when many requests run at once; 2 speeds up a
    /// single query on an idle two-core machine. The setting is process-wide.
    public var threads: Int
    /// Most tokens packed into one forward pass; larger batches are split.
    /// Bounds the scratch memory (about 8 KB per token for MiniLM). Default 4096.
    public var maxBatchTokens: Int
    /// Number format of the dense layers' weights. Default `fp32` (exact to sentence-transformers within
    /// 1e-4); `bf16` and `int8` are faster within the accuracy bounds `docs/encoder.md` documents.
    public var precision: EncoderPrecision
    /// Inference threads, each with its own scratch memory, taking queued requests in turn. Default 1;
    /// a server on a machine with N cores uses up to N when requests queue (`docs/encoder.md`).
    public var workers: Int

    /// Creates a configuration; see each property for its default.
    public init(threads: Int = 1, maxBatchTokens: Int = 4096, precision: EncoderPrecision = .fp32, workers: Int = 1) {
        self.threads = max(1, threads)
        self.maxBatchTokens = max(1, maxBatchTokens)
        self.precision = precision
        self.workers = max(1, workers)
    }
}
