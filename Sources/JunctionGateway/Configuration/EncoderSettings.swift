import JunctionEncoder

/// Which sentence encoder the gateway embeds with (`encoder:` in the config). The executable loads it; the
/// library is handed a `TextEmbedder`.
public struct EncoderSettings: Sendable, Equatable {
    /// A sentence-transformers BERT directory; nil = the model `scripts/setup` installs (all-MiniLM-L6-v2).
    public var model: String?
    /// Threads for one matrix product. Default 1.
    public var threads: Int
    /// Number format of the dense layers (`fp32`, `bf16`, `int8`). Default `fp32`; `docs/encoder.md` gives
    /// the measured accuracy of each.
    public var precision: EncoderPrecision
    /// Inference threads taking queued requests in turn. Default 2 (one per core of a 2-core machine): a
    /// second request arriving while one is embedded runs at once on the other core.
    public var workers: Int

    /// Settings; see each property for its default.
    public init(model: String? = nil, threads: Int = 1, precision: EncoderPrecision = .fp32, workers: Int = 2) {
        self.model = model
        self.threads = threads
        self.precision = precision
        self.workers = workers
    }

    /// The encoder's run settings.
    public var encoderConfiguration: EncoderConfiguration {
        EncoderConfiguration(threads: threads, precision: precision, workers: workers)
    }

    init(_ node: ConfigNode) throws(GatewayError) {
        self.init()
        let members = try node.mapping(allowed: ["model", "threads", "precision", "workers"])
        if let value = members["model"], !value.isNull { model = try value.nonEmptyString() }
        if let value = members["threads"] { threads = try value.int(1...64) }
        if let value = members["workers"] { workers = try value.int(1...64) }
        if let value = members["precision"] {
            let name = try value.string()
            guard let chosen = EncoderPrecision(rawValue: name) else {
                throw value.error("must be one of \(EncoderPrecision.names), got \(name)")
            }
            precision = chosen
        }
    }
}
