import Foundation
import JunctionEncoder

/// What a process may embed with (`EmbedderRegistry`): the sentence-transformers models installed
/// locally, the embeddings APIs it may call, and the embeddings cache in front of them all.
public struct EmbeddingsConfiguration: Sendable {
    /// Local models by the Hugging Face name routers and caches give them (`vectorizer.model` of type `hf`).
    /// Default: none (the executable lists what `scripts/setup` installed).
    public var localModels: [InstalledModel]
    /// How local models run (threads, batch bounds). Default: `EncoderConfiguration()`.
    public var encoder: EncoderConfiguration
    /// OpenAI's embeddings API, for vectorizers of type `openai`; nil: such vectorizers are refused.
    public var openAI: RemoteEmbeddingsConfiguration?
    /// Azure OpenAI's, for vectorizers of type `azure_openai`; nil: such vectorizers are refused.
    public var azureOpenAI: RemoteEmbeddingsConfiguration?
    /// The embeddings cache in front of every embedder; nil: no cache.
    public var cache: EmbeddingsCacheConfiguration?

    /// A configuration; see each property for its default.
    public init(
        localModels: [InstalledModel] = [], encoder: EncoderConfiguration = EncoderConfiguration(),
        openAI: RemoteEmbeddingsConfiguration? = nil, azureOpenAI: RemoteEmbeddingsConfiguration? = nil,
        cache: EmbeddingsCacheConfiguration? = nil
    ) {
        self.localModels = localModels
        self.encoder = encoder
        self.openAI = openAI
        self.azureOpenAI = azureOpenAI
        self.cache = cache
    }
}

/// A sentence-transformers directory and the Hugging Face name it is known by.
public struct InstalledModel: Sendable, Equatable {
    /// The name routers and caches give the model, e.g. `sentence-transformers/all-mpnet-base-v2`.
    public var name: String
    /// The directory (`config.json`, `model.safetensors`, tokenizer files, pooling config).
    public var directory: URL

    /// A model installed at `directory`.
    public init(name: String, directory: URL) {
        self.name = name
        self.directory = directory
    }
}
