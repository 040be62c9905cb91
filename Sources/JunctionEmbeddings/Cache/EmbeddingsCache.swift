import Foundation
import JunctionRedis
import Logging
import Synchronization

/// The embeddings cache shared by the embedders of a process: a bounded in-process LRU
/// (`MemoryEmbeddingsCache`) in front of RedisVL's `EmbeddingsCache` on Redis (`EmbeddingsCacheLayout`),
/// which every Junction instance and RedisVL's vectorizers share. Without a Redis client it is the LRU alone.
///
/// Redis errors never fail an embedding: a read that fails counts as a miss and a write that fails is
/// dropped, each logged and counted (`redisErrors`), as RedisVL's vectorizers only warn.
public final class EmbeddingsCache: Sendable {
    /// The settings.
    public let configuration: EmbeddingsCacheConfiguration
    let memory: MemoryEmbeddingsCache
    let layout: EmbeddingsCacheLayout
    let client: RedisClient?
    private let logger: Logger
    private let counters = Mutex(EmbeddingsCacheStats())
    private let clock: @Sendable () -> Double

    /// A cache under `configuration`, on Redis when `client` is given; `clock` gives the `inserted_at` epoch
    /// seconds written.
    public init(
        configuration: EmbeddingsCacheConfiguration, client: RedisClient?, logger: Logger = Logger(label: "junction.embeddings"),
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) throws(EmbeddingsError) {
        try configuration.validate()
        self.configuration = configuration
        memory = MemoryEmbeddingsCache(
            maxEntries: configuration.memoryEntries, maxBytes: configuration.memoryBytes, ttl: configuration.ttl
        )
        layout = EmbeddingsCacheLayout(name: configuration.name)
        self.client = client
        self.logger = logger
        self.clock = clock
    }

    /// The vector of each text under `model`, or nil where neither layer has it. Redis hits are copied into
    /// memory and their TTL refreshed.
    func lookup(_ texts: [String], model: String) async -> [[Float]?] {
        var found = texts.map { memory.vector(text: $0, model: model) }
        let memoryHits = found.count { $0 != nil }
        var redisHits = 0
        let absent = found.indices.filter { found[$0] == nil }
        if let client, !absent.isEmpty {
            let keys = absent.map { layout.key(text: texts[$0], model: model) }
            do {
                let replies = try await client.pipeline(keys.map { ["HGETALL", .string($0)] })
                var refreshed: [String] = []
                for (position, (index, reply)) in zip(absent, replies).enumerated() {
                    guard case .success(let value) = reply,
                          let vector = EmbeddingsCacheLayout.vector(fromHash: value, text: texts[index], model: model)
                    else { continue }
                    found[index] = vector
                    memory.store(vector, text: texts[index], model: model)
                    refreshed.append(keys[position])
                    redisHits += 1
                }
                if let ttl = configuration.ttl, !refreshed.isEmpty {
                    _ = try await client.pipeline(refreshed.map { EmbeddingsCacheLayout.expireCommand(key: $0, seconds: ttl) })
                }
            } catch {
                redisFailed("reading", error)
            }
        }
        let misses = texts.count - memoryHits - redisHits
        counters.withLock {
            $0.memoryHits += memoryHits
            $0.redisHits += redisHits
            $0.misses += misses
        }
        EmbeddingsMetrics.cacheLookups(model: model, result: "memory", count: memoryHits)
        EmbeddingsMetrics.cacheLookups(model: model, result: "redis", count: redisHits)
        EmbeddingsMetrics.cacheLookups(model: model, result: "miss", count: misses)
        return found
    }

    /// Stores freshly embedded vectors in both layers.
    func store(_ texts: [String], _ vectors: [[Float]], model: String) async {
        for (text, vector) in zip(texts, vectors) { memory.store(vector, text: text, model: model) }
        guard let client, !texts.isEmpty else { return }
        let now = clock()
        var commands: [[RESPCommandArgument]] = []
        for (text, vector) in zip(texts, vectors) {
            commands.append(layout.storeCommand(text: text, model: model, vector: vector, insertedAt: now))
            if let ttl = configuration.ttl {
                commands.append(EmbeddingsCacheLayout.expireCommand(key: layout.key(text: text, model: model), seconds: ttl))
            }
        }
        do {
            let replies = try await client.pipeline(commands)
            if let failure = replies.lazy.compactMap({ reply -> RedisError? in
                if case .failure(let error) = reply { return error }
                return nil
            }).first {
                redisFailed("writing", failure)
            }
        } catch {
            redisFailed("writing", error)
        }
    }

    /// Lookups so far and what the memory layer holds.
    public var stats: EmbeddingsCacheStats {
        var stats = counters.withLock { $0 }
        (stats.memoryEntries, stats.memoryBytes) = memory.usage
        return stats
    }

    private func redisFailed(_ doing: String, _ error: RedisError) {
        counters.withLock { $0.redisErrors += 1 }
        logger.warning(
            "embeddings cache on Redis failed",
            metadata: ["cache": "\(configuration.name)", "doing": "\(doing)", "code": "\(error.code)"]
        )
    }
}

/// What the embeddings cache has done since the process started.
public struct EmbeddingsCacheStats: Sendable, Equatable {
    /// Texts found in the in-process LRU.
    public var memoryHits = 0
    /// Texts found on Redis (written by another instance, by RedisVL, or before a restart).
    public var redisHits = 0
    /// Texts found in neither, which the embedder embedded.
    public var misses = 0
    /// Reads and writes on Redis that failed (counted as misses, or dropped).
    public var redisErrors = 0
    /// Vectors the in-process LRU holds now.
    public var memoryEntries = 0
    /// Bytes the in-process LRU holds now (about).
    public var memoryBytes = 0

    /// No activity.
    public init() {}
}
