import JunctionEncoder
import JunctionRedis

extension RedisSemanticCache {
    /// Opens the existing cache `configuration.name` as it is on Redis, whoever created it, and writes nothing:
    /// its filterable fields are the index's TAG fields (in index order) whatever `configuration` lists, so a
    /// RedisVL cache created with any `filterable_fields` (or none) can be used without knowing them.
    ///
    /// Throws `not_found` when there is no index `{name}`, and `schema_mismatch` when the index is not
    /// RedisVL's semantic cache index for the embedder's width.
    public static func attach(
        configuration: CacheConfiguration, client: RedisClient, embedder: any TextEmbedder
    ) async throws(CacheError) -> RedisSemanticCache {
        let probe = RedisSemanticCache(configuration: configuration, client: client, embedder: embedder)
        guard let schema = try await probe.indexSchema() else {
            throw CacheError(code: "not_found", message: "there is no cache \(configuration.name) on Redis (no index \(configuration.name))")
        }
        var adopted = configuration
        adopted.filterableFields = schema.fields.filter { $0.type == "TAG" }.map(\.name)
        do {
            try adopted.validate()
        } catch {
            throw CacheError(code: "schema_mismatch", message: "index \(configuration.name) on Redis is not a semantic cache index: \(error.message)")
        }
        let cache = RedisSemanticCache(configuration: adopted, client: client, embedder: embedder)
        let differences = RedisCacheSchema.differences(schema, from: RedisCacheSchema.expected(for: cache.layout))
        guard differences.isEmpty else {
            throw CacheError(
                code: "schema_mismatch",
                message: "index \(configuration.name) on Redis is not RedisVL's semantic cache index for \(embedder.modelName) "
                    + "(\(embedder.dimension)-d vectors): " + differences.joined(separator: "; ")
            )
        }
        return cache
    }
}
