import ArgumentParser
import Foundation
import JunctionEmbeddings
import JunctionEncoder
import JunctionRedis
import JunctionRouter

/// Options of the commands that choose an embedder the way RedisVL's vectorizers do: a router's stored
/// `vectorizer` decides; otherwise `--vectorizer` and `--model`. Remote providers take their settings from
/// the environment variables RedisVL and OpenAI's SDK read.
struct VectorizerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Embed with this RedisVL vectorizer type: hf (a local model, the default), openai or azure_openai (--model names the provider's model or Azure deployment; OPENAI_API_KEY and OPENAI_BASE_URL, or AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and OPENAI_API_VERSION). A router's own vectorizer takes precedence and must agree.", valueName: "type"))
    var vectorizer: String?

    @Option(name: .long, help: ArgumentHelp("Put RedisVL's EmbeddingsCache of this name (on --redis) in front of the embedder: texts it holds are not embedded again, and what is embedded is stored there.", valueName: "name"))
    var embeddingsCache: String?

    @Option(name: .long, help: "Seconds an embeddings cache entry lives after it is stored or read (default: no expiry, as RedisVL).")
    var embeddingsCacheTtl: Int?

    func validate() throws {
        if let vectorizer, !EmbedderRegistry.supportedTypes.contains(vectorizer) {
            throw ValidationError("--vectorizer must be one of \(EmbedderRegistry.supportedTypes.joined(separator: ", ")), got '\(vectorizer)'")
        }
        if let embeddingsCacheTtl, embeddingsCacheTtl <= 0 { throw ValidationError("--embeddings-cache-ttl must be positive") }
        if embeddingsCacheTtl != nil, embeddingsCache == nil { throw ValidationError("--embeddings-cache-ttl needs --embeddings-cache NAME") }
    }

    /// The registry for this command: the local models, the providers the environment configures, and the
    /// embeddings cache on `redis` when asked for.
    func registry(encoderOptions: EncoderOptions, redis: RedisClient?) throws -> EmbedderRegistry {
        if embeddingsCache != nil, redis == nil { throw CLIError("--embeddings-cache needs --redis URL (RedisVL's EmbeddingsCache lives on Redis)") }
        let environment = ProcessInfo.processInfo.environment
        let configuration = EmbeddingsConfiguration(
            localModels: try encoderOptions.installedModels(),
            encoder: EncoderConfiguration(threads: encoderOptions.threads),
            openAI: Self.openAI(environment), azureOpenAI: Self.azureOpenAI(environment),
            cache: embeddingsCache.map { EmbeddingsCacheConfiguration(name: $0, ttl: embeddingsCacheTtl) }
        )
        do {
            return try EmbedderRegistry(configuration: configuration, redis: redis)
        } catch {
            throw CLIError(error.message)
        }
    }

    /// The embedder: the one `routerVectorizer` (a router's stored vectorizer) names, with `--model` and
    /// `--vectorizer` only allowed to agree with it; else the one `--vectorizer` and `--model` name.
    func embedder(
        registry: EmbedderRegistry, encoderOptions: EncoderOptions, routerVectorizer: VectorizerDescription? = nil,
        source: String = "the router", dimension: Int? = nil
    ) async throws -> any TextEmbedder {
        var type = vectorizer ?? "hf"
        var model: String
        if let routerVectorizer {
            let chosen = type == "hf" ? try encoderOptions.model.map { _ in try encoderOptions.chosenModel().name } : encoderOptions.model
            let named = Self.canonical(routerVectorizer.model)
            if (vectorizer != nil && vectorizer != routerVectorizer.type) || (chosen.map(Self.canonical).map { $0 != named } ?? false) {
                throw CLIError(
                    "\(source) was built with vectorizer \(routerVectorizer.type) model \(routerVectorizer.model), but "
                        + "\(vectorizer.map { "--vectorizer \($0) " } ?? "")--model names \(chosen ?? routerVectorizer.model): Junction never embeds "
                        + "with another model than the one the data was built with. Drop --model/--vectorizer, or re-create the router with that model."
                )
            }
            type = routerVectorizer.type
            model = routerVectorizer.model
        } else if type == "hf" {
            model = try encoderOptions.chosenModel().name
        } else {
            guard let given = encoderOptions.model else { throw CLIError("--vectorizer \(type) needs --model NAME (the provider's model or deployment)") }
            model = given
        }
        let started = ContinuousClock.now
        let embedder: any TextEmbedder
        do {
            embedder = try await registry.embedder(type: type, model: model, dimension: dimension)
        } catch {
            throw CLIError(error.message)
        }
        if encoderOptions.verbose {
            let base = (embedder as? CachedEmbedder)?.base ?? embedder
            if let encoder = base as? SentenceEncoder, let directory = registry.configuration.localModels.first(where: { $0.name == encoder.modelName })?.directory {
                encoderOptions.describe(encoder, at: directory, loadedIn: ContinuousClock.now - started)
            } else {
                Terminal.log("vectorizer \(type) model \(model): \(embedder.dimension)-d vectors from the provider's embeddings API")
            }
        }
        return embedder
    }

    /// A model name as sentence-transformers resolves it (`all-mpnet-base-v2` is `sentence-transformers/all-mpnet-base-v2`).
    static func canonical(_ name: String) -> String {
        name.contains("/") ? name : "sentence-transformers/" + name
    }

    /// OpenAI's API when `OPENAI_API_KEY` is set (`OPENAI_BASE_URL` for another endpoint).
    static func openAI(_ environment: [String: String]) -> RemoteEmbeddingsConfiguration? {
        guard let key = environment["OPENAI_API_KEY"], !key.isEmpty else { return nil }
        let base = environment["OPENAI_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        return RemoteEmbeddingsConfiguration(provider: .openAI, baseURL: base, apiKey: key)
    }

    /// Azure OpenAI when `AZURE_OPENAI_ENDPOINT` and `AZURE_OPENAI_API_KEY` are set (`OPENAI_API_VERSION` for
    /// deployment URLs; an endpoint ending in `/openai/v1` needs none).
    static func azureOpenAI(_ environment: [String: String]) -> RemoteEmbeddingsConfiguration? {
        guard let endpoint = environment["AZURE_OPENAI_ENDPOINT"], !endpoint.isEmpty,
              let key = environment["AZURE_OPENAI_API_KEY"], !key.isEmpty
        else { return nil }
        let version = environment["OPENAI_API_VERSION"].flatMap { $0.isEmpty ? nil : $0 }
        return RemoteEmbeddingsConfiguration(provider: .azureOpenAI, baseURL: endpoint, apiKey: key, apiVersion: version)
    }
}
