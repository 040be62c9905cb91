/// Which sentence encoder the gateway embeds with (`encoder:` in the config). The executable loads it; the
/// library is handed a `TextEmbedder`.
public struct EncoderSettings: Sendable, Equatable {
    /// A sentence-transformers BERT directory; nil = the model `scripts/setup` installs (all-MiniLM-L6-v2).
    public var model: String?
    /// Threads for one matrix product. Default 1.
    public var threads: Int

    /// Settings; see each property for its default.
    public init(model: String? = nil, threads: Int = 1) {
        self.model = model
        self.threads = threads
    }

    init(_ node: ConfigNode) throws(GatewayError) {
        self.init()
        let members = try node.mapping(allowed: ["model", "threads"])
        if let value = members["model"], !value.isNull { model = try value.nonEmptyString() }
        if let value = members["threads"] { threads = try value.int(1...64) }
    }
}
