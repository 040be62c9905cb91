import Foundation
import JunctionEmbeddings
import JunctionEncoder
import JunctionGateway
import JunctionRedis
import Logging

extension ServeCommand {
    /// What `junction serve` embeds with: the default encoder, loaded now, and the registry of every installed
    /// model `/v1/embeddings` may serve (loaded on first use), behind the embeddings cache.
    struct Embedders {
        /// The default encoder itself (the guard reads its token states).
        var encoder: SentenceEncoder
        /// The default encoder as the gateway uses it (through the embeddings cache when there is one).
        var served: any TextEmbedder
        var registry: EmbedderRegistry
        /// The Redis connection of the embeddings cache, when it lives on the store's Redis.
        var cacheClient: RedisClient?
    }

    /// Loads the default encoder (`encoder.model`, `JUNCTION_MODEL`, else all-MiniLM-L6-v2) and builds the
    /// registry: the models `scripts/setup` installed and `encoder.models`, with the embeddings cache on the
    /// store's Redis (in memory only on the embedded store, or when Redis cannot be reached now).
    static func embedders(_ configuration: GatewayConfiguration, environment: [String: String], logger: Logger) async throws -> Embedders {
        let directory = try configuration.encoder.model.map { URL(fileURLWithPath: $0) } ?? ProjectPaths.defaultModel()
        let name = configuration.encoder.model == nil && environment["JUNCTION_MODEL"] == nil
            ? ProjectPaths.defaultModelName : directory.standardizedFileURL.lastPathComponent
        let settings = configuration.encoder.encoderConfiguration
        let encoder = try SentenceEncoder(directory: directory, name: name, configuration: settings)
        logger.info("model loaded", metadata: [
            "model": "\(encoder.modelName)", "dimension": "\(encoder.dimension)", "precision": "\(encoder.kernelDescription)",
            "workers": "\(configuration.encoder.workers)",
        ])
        let listed = configuration.encoder.models.sorted { $0.key < $1.key }
            .map { InstalledModel(name: $0.key, directory: URL(fileURLWithPath: $0.value)) }
        let models = [InstalledModel(name: name, directory: directory)] + listed
            + ProjectPaths.installedModels().filter { installed in installed.name != name && !listed.contains { $0.name == installed.name } }
        var client: RedisClient?
        if configuration.encoder.embeddingsCache != nil, configuration.store.kind == .redis,
           let redis = try? RedisConfiguration(url: configuration.store.redisURL) {
            let made = RedisClient(configuration: redis)
            do {
                try await made.connect()
                client = made
            } catch {
                await made.close()
                logger.warning("embeddings cache in memory only: Redis unreachable", metadata: ["reason": "\(error.message)"])
            }
        }
        do {
            let registry = try EmbedderRegistry(
                configuration: EmbeddingsConfiguration(localModels: models, encoder: settings, cache: configuration.encoder.embeddingsCache),
                redis: client, logger: logger
            )
            let served = await registry.register(encoder, type: "hf")
            return Embedders(encoder: encoder, served: served, registry: registry, cacheClient: client)
        } catch {
            await client?.close()
            throw CLIError(error.message)
        }
    }
}
