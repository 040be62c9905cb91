import Foundation
import Hummingbird
import JunctionCache
import JunctionJSON

extension Gateway {
    /// The body of `POST /v1/admin/cache/check`.
    struct CheckRequest: Decodable {
        var prompt: String
        var distanceThreshold: Double?
        var filters: [String: String]?
        var numResults: Int?

        enum CodingKeys: String, CodingKey {
            case prompt, filters
            case distanceThreshold = "distance_threshold"
            case numResults = "num_results"
        }
    }

    /// A hit as RedisVL's `check` returns it, filter fields alongside.
    struct HitJSON: Encodable {
        var hit: CacheHit

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            try container.encode(hit.entryID, forKey: AnyKey("entry_id"))
            try container.encode(hit.key, forKey: AnyKey("key"))
            try container.encode(hit.prompt, forKey: AnyKey("prompt"))
            try container.encode(hit.response, forKey: AnyKey("response"))
            try container.encode(hit.distance, forKey: AnyKey("vector_distance"))
            try container.encode(hit.insertedAt, forKey: AnyKey("inserted_at"))
            try container.encode(hit.updatedAt, forKey: AnyKey("updated_at"))
            try container.encode(hit.metadata ?? .null, forKey: AnyKey("metadata"))
            for (field, value) in hit.filters.sorted(by: { $0.key < $1.key }) {
                try container.encode(value, forKey: AnyKey(field))
            }
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private func requireCache() throws(GatewayError) -> any SemanticCache {
        guard let cache else { throw GatewayError.cacheDisabled }
        return cache
    }

    /// `GET /v1/admin/cache/stats`.
    func cacheStats() async throws(GatewayError) -> Response {
        let stats = try await cacheCall { try await requireCache().stats() }
        metrics.cacheEntries(stats.entries)
        return try encoded(stats)
    }

    /// `POST /v1/admin/cache/check` `{"prompt", "distance_threshold"?, "filters"?, "num_results"?}` -> `{"hits": [...]}`.
    func cacheCheck(body: [UInt8]) async throws(GatewayError) -> Response {
        let cache = try requireCache()
        let request: CheckRequest
        do {
            request = try JSONDecoder().decode(CheckRequest.self, from: Data(body))
        } catch let error as DecodingError {
            throw RequestDecoding.gatewayError(error)
        } catch {
            throw GatewayError.invalidJSON("\(error)")
        }
        let vector = await embed([request.prompt])[0]
        let lookup = CacheLookup(
            prompt: request.prompt, vector: vector, distanceThreshold: request.distanceThreshold,
            filters: request.filters ?? [:], numResults: request.numResults ?? 1
        )
        let hits = try await cacheCall { try await cache.check(lookup) }
        return try encoded(["hits": hits.map(HitJSON.init)])
    }

    /// `DELETE /v1/admin/cache` -> `{"cleared": n}`.
    func cacheClear() async throws(GatewayError) -> Response {
        let cache = try requireCache()
        let cleared = try await cacheCall { try await cache.clear() }
        return Response.json("{\"cleared\":\(cleared)}")
    }

    /// Runs a cache call; a lookup the cache refuses is a 400 naming why, a store failure a 503.
    private func cacheCall<T>(_ body: () async throws -> T) async throws(GatewayError) -> T {
        do {
            return try await body()
        } catch let error as GatewayError {
            throw error
        } catch let error as CacheError {
            switch error.code {
            case "invalid_lookup", "invalid_threshold", "invalid_filter", "invalid_vector":
                throw GatewayError.invalidRequest(error.message, param: nil)
            default:
                throw GatewayError(code: "cache_unavailable", status: 503, message: "the cache failed: \(error.message)")
            }
        } catch {
            throw GatewayError.internalError
        }
    }

    private func encoded<T: Encodable>(_ value: T) throws(GatewayError) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Response.json(bytes: ByteBuffer(bytes: try encoder.encode(value)))
        } catch {
            throw GatewayError.internalError
        }
    }
}
