import AsyncHTTPClient
import Foundation
import JunctionEncoder
import JunctionRedis
import Logging

/// Every embedder of a process, each created once and shared: the choice RedisVL's vectorizer descriptor
/// (`vectorizer: {type, model}` of a router, or of a cache's configuration) makes, with no fallback.
///
/// - `hf` with a model in `localModels` runs in-process (`SentenceEncoder`, loaded on first use);
///   a name without an owner also matches `sentence-transformers/{name}`, as sentence-transformers
///   resolves it;
/// - `openai` and `azure_openai` call that provider's embeddings API (`RemoteEmbedder`), when configured;
/// - anything else, a model that is not installed, a provider that is not configured, or a width that is not
///   the index's, throws an `EmbeddingsError` naming the vectorizer, the model and what to do. Junction
///   never embeds with another model than the one the data was built with.
///
/// With an embeddings cache configured, every embedder is a `CachedEmbedder` over the same cache.
public actor EmbedderRegistry {
    /// What may be embedded with.
    public nonisolated let configuration: EmbeddingsConfiguration
    /// The embeddings cache in front of every embedder, if configured.
    public nonisolated let cache: EmbeddingsCache?
    private let logger: Logger
    private var embedders: [Key: Task<Result<any TextEmbedder, EmbeddingsError>, Never>] = [:]
    private var client: HTTPClient?

    private struct Key: Hashable {
        var type: String
        var model: String
    }

    /// The vectorizer types Junction embeds with.
    public static let supportedTypes = ["hf", "openai", "azure_openai"]

    /// A registry under `configuration`; `redis` holds the embeddings cache when one is configured (without
    /// it the cache is in memory only).
    public init(configuration: EmbeddingsConfiguration, redis: RedisClient? = nil, logger: Logger = Logger(label: "junction.embeddings")) throws(EmbeddingsError) {
        self.configuration = configuration
        self.logger = logger
        cache = try configuration.cache.map { configuration throws(EmbeddingsError) in
            try EmbeddingsCache(configuration: configuration, client: redis, logger: logger)
        }
    }

    /// The names of the local models, as `hf` vectorizers name them.
    public nonisolated var installedModelNames: [String] {
        configuration.localModels.map(\.name)
    }

    /// The embedder for RedisVL's vectorizer `{type, model}`, created on first use and shared after. With
    /// `dimension` (the index's vector width), its width must be that.
    public func embedder(type: String, model: String, dimension: Int? = nil) async throws(EmbeddingsError) -> any TextEmbedder {
        let key = Key(type: type, model: model)
        let task: Task<Result<any TextEmbedder, EmbeddingsError>, Never>
        if let existing = embedders[key] {
            task = existing
        } else {
            let plan = try plan(type: type, model: model)
            task = Task { await plan() }
            embedders[key] = task
        }
        let embedder: any TextEmbedder
        switch await task.value {
        case .success(let made): embedder = made
        case .failure(let error):
            embedders[key] = nil
            throw error
        }
        if let dimension, embedder.dimension != dimension {
            throw EmbeddingsError(
                code: "dimension_mismatch",
                message: "vectorizer \(type) model \(model) gives \(embedder.dimension)-d vectors but the index holds \(dimension)-d ones: "
                    + "the data was built with another model. Name the model it was built with, or re-create it with this one."
            )
        }
        return embedder
    }

    /// Adds an embedder made elsewhere (the gateway's default encoder, a stand-in in tests) under `type` and
    /// its model name, wrapped in the embeddings cache when there is one; returns what the registry serves.
    @discardableResult
    public func register(_ embedder: any TextEmbedder, type: String) -> any TextEmbedder {
        let served = cache.map { CachedEmbedder(base: embedder, cache: $0) as any TextEmbedder } ?? embedder
        embedders[Key(type: type, model: embedder.modelName)] = Task { .success(served) }
        return served
    }

    /// The embedders created so far, by vectorizer type, for listing (`/v1/models`).
    public func loaded() async -> [(type: String, embedder: any TextEmbedder)] {
        var result: [(type: String, embedder: any TextEmbedder)] = []
        for (key, task) in embedders {
            if case .success(let embedder) = await task.value { result.append((key.type, embedder)) }
        }
        return result.sorted { ($0.type, $0.embedder.modelName) < ($1.type, $1.embedder.modelName) }
    }

    /// Closes the HTTP client of the remote embedders.
    public func shutdown() async {
        try? await client?.shutdown()
        client = nil
    }

    // MARK: Choosing

    /// What creating the embedder of `{type, model}` takes, or the error that says why it cannot be.
    private func plan(type: String, model: String) throws(EmbeddingsError) -> @Sendable () async -> Result<any TextEmbedder, EmbeddingsError> {
        let cache = self.cache
        @Sendable func cached(_ embedder: any TextEmbedder) -> any TextEmbedder {
            cache.map { CachedEmbedder(base: embedder, cache: $0) } ?? embedder
        }
        switch type {
        case "hf":
            let installed = try localModel(named: model)
            let settings = configuration.encoder
            return {
                do {
                    let encoder = try SentenceEncoder(directory: installed.directory, name: installed.name, configuration: settings)
                    return .success(cached(encoder))
                } catch {
                    let reason = (error as? EncoderError)?.message ?? "\(error)"
                    return .failure(EmbeddingsError(code: "model_load", message: "vectorizer hf model \(model): \(reason)"))
                }
            }
        case "openai", "azure_openai":
            let provider = RemoteEmbeddingsConfiguration.Provider(rawValue: type)!
            guard let remote = provider == .openAI ? configuration.openAI : configuration.azureOpenAI else {
                let how = provider == .openAI
                    ? "set OPENAI_API_KEY (and OPENAI_BASE_URL for another endpoint)"
                    : "set AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and OPENAI_API_VERSION (or an endpoint ending in /openai/v1)"
                throw EmbeddingsError(
                    code: "missing_credentials",
                    message: "vectorizer \(type) model \(model): Junction has no \(type) embeddings API configured: \(how)"
                )
            }
            try remote.validate()
            let client = httpClient(remote)
            let logger = self.logger
            return {
                let endpoint = EmbeddingsEndpoint(configuration: remote, model: model)
                var width = remote.dimensions[model] ?? RemoteEmbedder.knownDimensions[model]
                if width == nil {
                    do {
                        width = try await RemoteEmbedder.embed(["dimension check"], endpoint: endpoint, configuration: remote, client: client, logger: logger).first?.count
                    } catch let error as EmbeddingsError {
                        return .failure(EmbeddingsError(code: error.code, message: "vectorizer \(type) model \(model): \(error.message)", status: error.status))
                    } catch {
                        return .failure(EmbeddingsError(code: "invalid_response", message: "vectorizer \(type) model \(model): \(error)"))
                    }
                }
                let embedder = RemoteEmbedder(model: model, dimension: width ?? 0, configuration: remote, client: client, logger: logger)
                return .success(cached(embedder))
            }
        default:
            throw EmbeddingsError(
                code: "unsupported_vectorizer",
                message: "vectorizer \(type) model \(model) is not one Junction can embed with: it runs hf models in-process "
                    + "(installed: \(installedList)) and calls the openai and azure_openai embeddings APIs. "
                    + "Re-create the data with one of those vectorizers, or keep using RedisVL for it."
            )
        }
    }

    /// The local model `name` names, exactly or as `sentence-transformers/{name}`.
    private func localModel(named name: String) throws(EmbeddingsError) -> InstalledModel {
        let candidates = name.contains("/") ? [name] : [name, "sentence-transformers/" + name]
        for candidate in candidates {
            if let model = configuration.localModels.first(where: { $0.name == candidate }) { return model }
        }
        throw EmbeddingsError(
            code: "model_not_installed",
            message: "vectorizer hf model \(name) is not installed here (installed: \(installedList)). "
                + "Install its sentence-transformers directory and name it (junction --hf-model NAME=DIR, or embeddings.models in the config)."
        )
    }

    private var installedList: String {
        installedModelNames.isEmpty ? "none" : installedModelNames.joined(separator: ", ")
    }

    /// The HTTP client of the remote embedders, created with the first of them.
    private func httpClient(_ remote: RemoteEmbeddingsConfiguration) -> HTTPClient {
        if let client { return client }
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(
            connect: .milliseconds(Int64(remote.connectTimeoutSeconds * 1000)), read: .milliseconds(Int64(remote.timeoutSeconds * 1000))
        )
        configuration.connectionPool = HTTPClient.Configuration.ConnectionPool(idleTimeout: .seconds(60))
        let made = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        client = made
        return made
    }
}
