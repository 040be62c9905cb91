import Foundation
import JunctionCache
import JunctionEncoder
import JunctionTestSupport
import Testing

/// Where a test's cache lives: on the suite's real Redis (see `.redisServer`), or embedded.
enum CacheBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case redis
    case embedded

    var testDescription: String { rawValue }

    /// Runs `body` with a new cache of this backend, deleted afterwards.
    func withCache(_ configuration: CacheConfiguration, embedder: any TextEmbedder, _ body: (any SemanticCache) async throws -> Void) async throws {
        switch self {
        case .embedded:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("junction-gateway-cache-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            try await body(try EmbeddedSemanticCache.open(configuration: configuration, embedder: embedder, directory: folder))
        case .redis:
            let client = try await RedisServer.client()
            let cache = try await RedisSemanticCache.create(configuration: configuration, client: client, embedder: embedder)
            do {
                try await body(cache)
                try? await cache.delete()
                await client.close()
            } catch {
                try? await cache.delete()
                await client.close()
                throw error
            }
        }
    }
}
