import NIOCore
import NIOPosix
import JunctionTestSupport
import Testing

@testable import JunctionRedis

@Suite("Vector search and JSON against a real Redis", .redisServer)
struct SearchIntegrationTests {
    /// A unit vector of 384 floats pointing mostly along `axis`, with a little of `other`.
    static func vector(axis: Int, other: Int, mix: Float) -> [Float] {
        var values = [Float](repeating: 0, count: 384)
        values[axis] = 1
        values[other] = mix
        let norm = (1 + mix * mix).squareRoot()
        return values.map { $0 / norm }
    }

    static func createRouterIndex(_ redis: RedisClient, name: String) async throws {
        try await redis.send(FT.CREATE(
            name, on: .hash, prefixes: [name], score: 1.0,
            schema: [
                .tag("reference_id", separator: ","), .tag("route_name", separator: ","),
                .text("reference", weight: 1), .vector("vector", algorithm: .flat, dimension: 384, distanceMetric: .cosine),
            ]))
        let references: [(route: String, text: String, vector: [Float])] = [
            ("maths", "what is 2 + 2", vector(axis: 0, other: 1, mix: 0.1)),
            ("maths", "solve an integral", vector(axis: 0, other: 2, mix: 0.3)),
            ("sports", "who won the game", vector(axis: 5, other: 6, mix: 0.2)),
        ]
        for (index, reference) in references.enumerated() {
            let added = try await redis.send(HSET("\(name):\(reference.route):\(index)", fields: [
                ("reference_id", .string("\(index)")), ("route_name", .string(reference.route)),
                ("reference", .string(reference.text)), ("vector", .vector(reference.vector)),
            ]))
            #expect(added == 4)
        }
    }

    static func knnQuery(_ name: String, _ query: [Float], k: Int) -> FT.SEARCH {
        FT.SEARCH(
            name, query: "*=>[KNN \(k) @vector $vector AS vector_distance]",
            options: ["RETURN", 3, "route_name", "reference", "vector_distance", "SORTBY", "vector_distance", "ASC"],
            parameters: [("vector", .vector(query))], dialect: 2)
    }

    @Test func knnSearchFindsTheNearestReference() async throws {
        try await RedisServer.shared.withClient { redis in
            let name = uniqueKey()
            try await Self.createRouterIndex(redis, name: name)
            let query = Self.knnQuery(name, Self.vector(axis: 0, other: 1, mix: 0.12), k: 2)
            let results = try query.parse(try await redis.send(query))
            #expect(results.total == 2)
            #expect(results.documents.map(\.id) == ["\(name):maths:0", "\(name):maths:1"])
            let nearest = try #require(results.documents.first)
            #expect(nearest.fields["route_name"]?.string == "maths")
            #expect(nearest.fields["reference"]?.string == "what is 2 + 2")
            let distance = try #require(nearest.fields["vector_distance"]?.string.flatMap(Double.init))
            #expect(distance >= 0 && distance < 0.01)

            // The same search through a RESP2 connection parses to the same documents.
            let resp2 = try await Self.rawRESP2Reply(query.arguments)
            #expect(resp2.array != nil)
            #expect(try SearchResults(reply: resp2).documents.map(\.id) == results.documents.map(\.id))
            #expect(try SearchResults(reply: resp2).documents.first?.fields["reference"]?.string == "what is 2 + 2")

            _ = try await redis.send(FT.DROPINDEX(name, deleteDocuments: true))
        }
    }

    @Test func vectorRangeAggregateAsRedisVLRoutes() async throws {
        try await RedisServer.shared.withClient { redis in
            let name = uniqueKey()
            try await Self.createRouterIndex(redis, name: name)
            // RedisVL's route query (fixtures/redisvl/monitor.txt), aggregated per route.
            let aggregate = FT.AGGREGATE(
                name, query: "@vector:[VECTOR_RANGE $distance_threshold $vector]=>{$YIELD_DISTANCE_AS: vector_distance}",
                options: [
                    "SCORER", "TFIDF", "DIALECT", 2, "GROUPBY", 1, "@route_name", "REDUCE", "AVG", 1, "vector_distance", "AS", "distance",
                    "SORTBY", 1, "@distance", "MAX", 2, "FILTER", "(@route_name == 'maths' && @distance < 0.5)",
                    "PARAMS", 4, "vector", .vector(Self.vector(axis: 0, other: 1, mix: 0.1)), "distance_threshold", 0.5,
                ])
            let rows = try AggregateResults(reply: try await redis.send(aggregate)).rows
            #expect(rows.count == 1)
            #expect(rows.first?["route_name"]?.string == "maths")
            let distance = try #require(rows.first?["distance"]?.string.flatMap(Double.init))
            #expect(distance > 0 && distance < 0.1)
            _ = try await redis.send(FT.DROPINDEX(name, deleteDocuments: true))
        }
    }

    @Test func infoAndDropIndex() async throws {
        try await RedisServer.shared.withClient { redis in
            let name = uniqueKey()
            try await Self.createRouterIndex(redis, name: name)
            let info = try await redis.send(FT.INFO(name))
            #expect(info["index_name"]?.string == name)
            #expect(info["num_docs"].flatMap { $0.int ?? $0.string.flatMap(Int.init) ?? $0.double.map(Int.init) } == 3)
            #expect(info["attributes"]?.array?.count == 4)
            // Dropping without DD keeps the documents; with DD removes them.
            _ = try await redis.send(FT.DROPINDEX(name))
            #expect(try await redis.send(EXISTS("\(name):maths:0")) == 1)
            do throws(RedisError) {
                _ = try await redis.send(FT.INFO(name))
                Issue.record("FT.INFO of a dropped index succeeded")
            } catch {
                #expect(error.code == "server")
            }
            try await Self.createRouterIndex(redis, name: name + "2")
            _ = try await redis.send(FT.DROPINDEX(name + "2", deleteDocuments: true))
            #expect(try await redis.send(EXISTS("\(name)2:maths:0")) == 0)
            _ = try await redis.send(DEL("\(name):maths:0", "\(name):maths:1", "\(name):sports:2"))
        }
    }

    @Test func jsonDocumentsAreSearchable() async throws {
        try await RedisServer.shared.withClient { redis in
            let name = uniqueKey()
            try await redis.send(FT.CREATE(name, on: .json, prefixes: [name + ":"], schema: [
                .text("$.prompt", as: "prompt"), .tag("$.tenant", as: "tenant"), .numeric("$.at", as: "at"),
            ]))
            #expect(try await redis.send(JSON.SET(name + ":1", json: #"{"prompt":"hello world","tenant":"acme","at":5}"#)))
            #expect(try await redis.send(JSON.SET(name + ":2", json: #"{"prompt":"hello there","tenant":"other","at":7}"#)))
            let search = FT.SEARCH(name, query: "@tenant:{acme} hello", dialect: 2)
            let documents = try search.parse(try await redis.send(search)).documents
            #expect(documents.map(\.id) == [name + ":1"])
            #expect(documents.first?.fields["$"]?.string == #"{"prompt":"hello world","tenant":"acme","at":5}"#)
            _ = try await redis.send(FT.DROPINDEX(name, deleteDocuments: true))
        }
    }

    /// Sends one command on a private connection switched to RESP2 with `HELLO 2`.
    static func rawRESP2Reply(_ arguments: [RESPCommandArgument]) async throws -> RESPValue {
        let configuration = try RedisConfiguration(url: RedisServer.shared.url)
        let connection = try await RedisConnection.connect(
            configuration: configuration, eventLoop: MultiThreadedEventLoopGroup.singleton.next(), tlsContext: nil
        ).get()
        defer { connection.channel.close(promise: nil) }
        _ = try await connection.send(["HELLO", "2"]).get()
        return try await connection.send(arguments).get()
    }
}
