import JunctionCache
import JunctionRedis
import JunctionTestSupport
import Testing

/// Opening a Redis cache over an existing index, and the errors of bad input and of Redis itself.
@Suite(.redisServer) struct RedisSemanticCacheSchemaTests {
    typealias F = RedisCacheFixture

    @Test func openingAgainReusesTheIndexAndItsEntries() async throws {
        try await F.with(fields: ["tenant", "user_id"]) { f in
            let key = try await f.cache.store(CacheWrite(prompt: F.question, response: "Paris.", filters: ["user_id": "u1"]))
            let configuration = CacheConfiguration(name: f.cache.name, filterableFields: ["user_id", "tenant"])
            let reopened = try await RedisSemanticCache.create(configuration: configuration, client: f.client, embedder: f.embedder)
            #expect(try await reopened.check(CacheLookup(prompt: F.paraphrase, distanceThreshold: 0.2, filters: ["user_id": "u1"])).map(\.key) == [key])
        }
    }

    @Test func anIndexWithAnotherSchemaIsRefusedUnlessOverwritten() async throws {
        try await F.with(fields: ["tenant"]) { f in
            let key = try await f.cache.store(CacheWrite(prompt: F.question, response: "Paris.", filters: ["tenant": "acme"]))
            let wider = SignVectorEmbedder(dimension: 32)
            let dimension = await #expect(throws: CacheError.self) {
                try await RedisSemanticCache.create(configuration: CacheConfiguration(name: f.cache.name, filterableFields: ["tenant"]), client: f.client, embedder: wider)
            }
            #expect(dimension?.code == "schema_mismatch")
            #expect(dimension?.message.contains("prompt_vector DIM is 16, expected 32") == true)

            let fields = await #expect(throws: CacheError.self) {
                try await RedisSemanticCache.create(configuration: CacheConfiguration(name: f.cache.name, filterableFields: ["model"]), client: f.client, embedder: f.embedder)
            }
            #expect(fields?.code == "schema_mismatch")
            #expect(fields?.message.contains("it lacks the filterable fields model") == true)
            #expect(fields?.message.contains("it has other fields (tenant)") == true)
            #expect(fields?.message.contains("Overwrite it to replace it") == true)

            // Overwriting re-creates the index and keeps the entries, which the new index finds again.
            let replaced = try await RedisSemanticCache.create(
                configuration: CacheConfiguration(name: f.cache.name, filterableFields: ["tenant", "model"]),
                client: f.client, embedder: f.embedder, overwrite: true
            )
            #expect(try await replaced.stats().entries == 1)
            let hits = try await replaced.check(CacheLookup(vector: await f.vector(F.paraphrase), distanceThreshold: 0.2, filters: ["tenant": "acme"]))
            #expect(hits.map(\.key) == [key])
        }
    }

    @Test func attachingAdoptsTheIndexsFilterableFields() async throws {
        try await F.with(fields: ["user_id", "org"]) { f in
            let key = try await f.cache.store(CacheWrite(prompt: F.question, response: "Paris.", filters: ["org": "o1"]))
            let attached = try await RedisSemanticCache.attach(configuration: CacheConfiguration(name: f.cache.name), client: f.client, embedder: f.embedder)
            #expect(attached.configuration.filterableFields == ["user_id", "org"])
            let hits = try await attached.check(CacheLookup(prompt: F.paraphrase, distanceThreshold: 0.2, filters: ["org": "o1"]))
            #expect(hits.map(\.key) == [key])
            #expect(hits.first?.filters == ["org": "o1"])

            let wider = await #expect(throws: CacheError.self) {
                try await RedisSemanticCache.attach(configuration: CacheConfiguration(name: f.cache.name), client: f.client, embedder: SignVectorEmbedder(dimension: 8))
            }
            #expect(wider?.code == "schema_mismatch")
            #expect(wider?.message.contains("prompt_vector DIM is 16, expected 8") == true)
            let missing = await #expect(throws: CacheError.self) {
                try await RedisSemanticCache.attach(configuration: CacheConfiguration(name: F.uniqueName()), client: f.client, embedder: f.embedder)
            }
            #expect(missing?.code == "not_found")
            // An index that is not a cache (RedisVL's router index) is refused, saying why.
            let router = F.uniqueName("router")
            _ = try await f.client.send([
                "FT.CREATE", .string(router), "ON", "HASH", "PREFIX", "1", .string(router), "SCHEMA",
                "route_name", "TAG", "reference", "TEXT", "vector", "VECTOR", "FLAT", "6", "TYPE", "FLOAT32", "DIM", "16", "DISTANCE_METRIC", "COSINE",
            ])
            let notACache = await #expect(throws: CacheError.self) {
                try await RedisSemanticCache.attach(configuration: CacheConfiguration(name: router), client: f.client, embedder: f.embedder)
            }
            _ = try await f.client.send(["FT.DROPINDEX", .string(router)])
            #expect(notACache?.code == "schema_mismatch")
            #expect(notACache?.message.contains("it has no prompt field") == true)
        }
    }

    @Test func badConfigurationsAreRefusedBeforeRedis() async throws {
        let client = try await RedisServer.client()
        let reserved = await #expect(throws: CacheError.self) {
            try await RedisSemanticCache.create(configuration: CacheConfiguration(name: F.uniqueName(), filterableFields: ["prompt"]), client: client, embedder: SignVectorEmbedder())
        }
        #expect(reserved?.code == "invalid_configuration")
        let name = await #expect(throws: CacheError.self) {
            try await RedisSemanticCache.create(configuration: CacheConfiguration(name: "a:b"), client: client, embedder: SignVectorEmbedder())
        }
        #expect(name?.code == "invalid_configuration")
        await client.close()
    }

    @Test func vectorsOfTheWrongWidthAreRefused() async throws {
        try await F.with { f in
            for vector in [[Float](repeating: 1, count: 3), [Float](repeating: 0, count: 16), [.nan] + [Float](repeating: 1, count: 15)] {
                let lookup = await #expect(throws: CacheError.self) { try await f.cache.check(CacheLookup(prompt: F.question, vector: vector)) }
                #expect(lookup?.code == "invalid_vector")
                let store = await #expect(throws: CacheError.self) { try await f.cache.store(CacheWrite(prompt: "p", response: "r", vector: vector)) }
                #expect(store?.code == "invalid_vector")
            }
            let width = await #expect(throws: CacheError.self) { try await f.cache.check(CacheLookup(vector: [1, 2, 3])) }
            #expect(width?.message.contains("3-d vector") == true && width?.message.contains("16-d") == true)
            let entries = try await f.cache.stats().entries
            #expect(entries == 0, "nothing was stored")
            let filter = await #expect(throws: CacheError.self) { try await f.cache.check(CacheLookup(prompt: "p", filters: ["user": "x"])) }
            #expect(filter?.code == "invalid_filter")
        }
    }

    @Test func redisFailuresNameTheOperation() async throws {
        // A server that was started and stopped: nothing listens on its port any more.
        let server = try await RedisServer.start()
        try await server.stop()
        let client = try server.client()
        let error = await #expect(throws: CacheError.self) {
            try await RedisSemanticCache.create(configuration: CacheConfiguration(name: F.uniqueName()), client: client, embedder: SignVectorEmbedder())
        }
        #expect(error?.code == "redis")
        #expect(error?.message.hasPrefix("reading index junction-test-cache-") == true)
        await client.close()
    }
}
