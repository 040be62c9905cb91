import ArgumentParser
import Foundation
import JunctionCache
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

    /// Opens the cache (loading the model), and runs `body` with it; the embedded store is flushed afterwards.
    func withCache<T>(_ body: (any SemanticCache) async throws -> T) async throws -> T {
        let encoder = try encoderOptions.loadEncoder()
        guard let redis else {
            let directory = URL(fileURLWithPath: dataDir).appendingPathComponent("caches").appendingPathComponent(name)
            let cache = try EmbeddedSemanticCache.open(configuration: configuration, embedder: encoder, directory: directory)
            let result = try await body(cache)
            try await cache.flush()
            return result
        }
        let client = RedisClient(configuration: try RedisConfiguration(url: redis))
        do {
            try await client.connect()
            let cache = try await openOnRedis(client, encoder: encoder)
            let result = try await body(cache)
            await client.close()
            return result
        } catch {
            await client.close()
            throw error
        }
    }
}

extension CacheOptions {
    /// The cache on Redis: without `--filterable-field`, an existing cache is attached as it is (whatever
    /// fields RedisVL or Junction gave it) and a missing one is created with the scope fields; with
    /// `--filterable-field`, the cache must have exactly those fields (or is created with them).
    func openOnRedis(_ client: RedisClient, encoder: SentenceEncoder) async throws(CacheError) -> RedisSemanticCache {
        if filterableFields.isEmpty {
            do {
                return try await RedisSemanticCache.attach(configuration: configuration, client: client, embedder: encoder)
            } catch where error.code == "not_found" {}
        }
        return try await RedisSemanticCache.create(configuration: configuration, client: client, embedder: encoder, overwrite: false)
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
