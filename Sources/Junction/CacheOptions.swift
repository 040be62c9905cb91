import ArgumentParser
import Foundation
import JunctionCache
import JunctionEmbeddings
import JunctionEncoder
import JunctionRedis

/// Where a `junction cache` command finds its cache: the embedded store in a data directory, or a cache on
/// Redis in RedisVL's layout.
struct CacheOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Use the semantic cache on this Redis (RedisVL's SemanticCache layout).", valueName: "url"))
    var redis: String?

    @Option(name: .long, help: "The cache's name (its Redis index and key prefix, its folder in the data directory).")
    var name = "llmcache"

    @Option(name: .long, help: "Keep the embedded cache in DIR/caches/NAME (ignored with --redis).")
    var dataDir = ".junction"

    @Option(name: .customLong("filterable-field"), help: ArgumentHelp("A TAG field entries carry and lookups filter on (repeat for several; default: the scope fields tenant, model, system_hash, context_hash, or on Redis the fields of the existing cache).", valueName: "field"))
    var filterableFields: [String] = []

    @Option(name: .long, help: "Seconds an entry lives after it is stored or hit (the cache's TTL).")
    var ttl: Int?

    @OptionGroup var encoderOptions: EncoderOptions

    @OptionGroup var vectorizerOptions: VectorizerOptions

    func validate() throws {
        if let redis {
            do {
                _ = try RedisConfiguration(url: redis)
            } catch {
                throw ValidationError("--redis: \(error.message)")
            }
        }
        do {
            try configuration.validate()
        } catch {
            throw ValidationError(error.message)
        }
    }

    var configuration: CacheConfiguration {
        CacheConfiguration(name: name, ttl: ttl, filterableFields: filterableFields.isEmpty ? CacheScope.fieldNames : filterableFields)
    }

    /// Opens the cache (choosing its embedder: `--vectorizer` and `--model`, a local model by default), and
    /// runs `body` with it; the embedded store is flushed afterwards.
    func withCache<T>(_ body: (any SemanticCache) async throws -> T) async throws -> T {
        guard let redis else {
            let registry = try vectorizerOptions.registry(encoderOptions: encoderOptions, redis: nil)
            let embedder = try await vectorizerOptions.embedder(registry: registry, encoderOptions: encoderOptions)
            let directory = URL(fileURLWithPath: dataDir).appendingPathComponent("caches").appendingPathComponent(name)
            let cache = try EmbeddedSemanticCache.open(configuration: configuration, embedder: embedder, directory: directory)
            let result = try await body(cache)
            try await cache.flush()
            await registry.shutdown()
            return result
        }
        let client = RedisClient(configuration: try RedisConfiguration(url: redis))
        var registry: EmbedderRegistry?
        do {
            try await client.connect()
            let made = try vectorizerOptions.registry(encoderOptions: encoderOptions, redis: client)
            registry = made
            let embedder = try await vectorizerOptions.embedder(registry: made, encoderOptions: encoderOptions)
            let cache = try await openOnRedis(client, embedder: embedder)
            let result = try await body(cache)
            await made.shutdown()
            await client.close()
            return result
        } catch {
            await registry?.shutdown()
            await client.close()
            throw error
        }
    }
}

extension CacheOptions {
    /// The cache on Redis: without `--filterable-field`, an existing cache is attached as it is (whatever
    /// fields RedisVL or Junction gave it) and a missing one is created with the scope fields; with
    /// `--filterable-field`, the cache must have exactly those fields (or is created with them).
    func openOnRedis(_ client: RedisClient, embedder: any TextEmbedder) async throws(CacheError) -> RedisSemanticCache {
        if filterableFields.isEmpty {
            do {
                return try await RedisSemanticCache.attach(configuration: configuration, client: client, embedder: embedder)
            } catch where error.code == "not_found" {}
        }
        return try await RedisSemanticCache.create(configuration: configuration, client: client, embedder: embedder, overwrite: false)
    }
}

/// `--filter field=value` options.
struct CacheFilterOptions: ParsableArguments {
    @Option(name: .customLong("filter"), help: ArgumentHelp("Only entries whose FIELD equals VALUE (repeat for several).", valueName: "field=value"))
    var rawFilters: [String] = []

    func validate() throws { _ = try filters() }

    func filters() throws -> [String: String] {
        var filters: [String: String] = [:]
        for raw in rawFilters {
            guard let equals = raw.firstIndex(of: "="), equals != raw.startIndex else {
                throw ValidationError("--filter '\(raw)': expected FIELD=VALUE")
            }
            let field = String(raw[..<equals])
            if filters[field] != nil { throw ValidationError("--filter: '\(field)' given twice") }
            filters[field] = String(raw[raw.index(after: equals)...])
        }
        return filters
    }
}
