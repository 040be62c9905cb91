import JunctionEmbeddings
import JunctionEncoder

/// Which sentence encoders the gateway embeds with (`encoder:` in the config). The executable loads them; the
/// library is handed a `TextEmbedder` and the registry it came from.
public struct EncoderSettings: Sendable, Equatable {
    /// A sentence-transformers directory (BERT or MPNet); nil = the model `scripts/setup` installs
    /// (all-MiniLM-L6-v2). It routes, looks the cache up and answers `/v1/embeddings` by default.
    public var model: String?
    /// Threads for one matrix product. Default 1.
    public var threads: Int
    /// More sentence-transformers directories `/v1/embeddings` serves by name (Hugging Face name →
    /// directory), besides those `scripts/setup` installs (all-MiniLM-L6-v2, all-mpnet-base-v2). Default none.
    public var models: [String: String]
    /// The embeddings cache in front of the encoders: RedisVL's `EmbeddingsCache` on the store's Redis (in
    /// memory only on the embedded store), so a repeated prompt skips the encoder. Default on, named
    /// `embedcache`, no TTL, 10,000 vectors in memory; `embeddings_cache: false` turns it off.
    public var embeddingsCache: EmbeddingsCacheConfiguration?
    /// Number format of the dense layers (`fp32`, `bf16`, `int8`). Default `fp32`; `docs/encoder.md` gives
    /// the measured accuracy of each.
    public var precision: EncoderPrecision
    /// Inference threads taking queued requests in turn. Default 2 (one per core of a 2-core machine): a
    /// second request arriving while one is embedded runs at once on the other core.
    public var workers: Int

    /// Settings; see each property for its default.
    public init(
        model: String? = nil, threads: Int = 1, models: [String: String] = [:],
        embeddingsCache: EmbeddingsCacheConfiguration? = EmbeddingsCacheConfiguration(), precision: EncoderPrecision = .fp32, workers: Int = 2
    ) {
        self.model = model
        self.threads = threads
        self.models = models
        self.embeddingsCache = embeddingsCache
        self.precision = precision
        self.workers = workers
    }

    /// The encoder's run settings.
    public var encoderConfiguration: EncoderConfiguration {
        EncoderConfiguration(threads: threads, precision: precision, workers: workers)
    }

    init(_ node: ConfigNode) throws(GatewayError) {
        self.init()
        let members = try node.mapping(allowed: ["model", "threads", "models", "embeddings_cache", "precision", "workers"])
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
        if let value = members["models"], !value.isNull { models = try value.stringMap() }
        if let value = members["embeddings_cache"] {
            if value.isNull || (try? value.bool()) == false {
                embeddingsCache = nil
            } else if (try? value.bool()) != true {
                let cache = try value.mapping(allowed: ["name", "ttl", "memory_entries", "memory_bytes"])
                var settings = EmbeddingsCacheConfiguration()
                if let name = cache["name"] { settings.name = try name.nonEmptyString() }
                if let ttl = cache["ttl"], !ttl.isNull { settings.ttl = try ttl.int(1...31_536_000) }
                if let entries = cache["memory_entries"] { settings.memoryEntries = try entries.int(0...100_000_000) }
                if let bytes = cache["memory_bytes"] { settings.memoryBytes = try bytes.int(0...(1 << 40)) }
                embeddingsCache = settings
            }
        }
    }
}
