import Foundation
@testable import JunctionEmbeddings
import JunctionRedis
import JunctionTestSupport
import Testing

/// Junction's embeddings cache commands against the ones RedisVL 0.28's `EmbeddingsCache` sent (captured
/// with MONITOR in Fixtures/embeddings-cache-monitor.txt).
@Suite struct EmbeddingsCacheLayoutTests {
    static func monitored(_ heading: String) throws -> [[String]] {
        let lines = try String(contentsOf: Fixtures.monitor, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0.hasPrefix("# " + heading) })
        return lines[(start + 1)...].prefix { !$0.hasPrefix("#") }.filter { $0.hasPrefix("\"") }.map { RedisVLMonitor.parse(String($0)) }
    }

    static func strings(_ command: [RESPCommandArgument]) -> [String] {
        command.map { argument in
            if case .string(let text) = argument { return text }
            return "\(argument)"
        }
    }

    @Test func storeIsRedisVLsHSETThenEXPIRE() throws {
        let redisvl = try Self.monitored("set(")
        #expect(redisvl.count == 2)
        let layout = EmbeddingsCacheLayout(name: "embedcache")
        let vector: [Float] = [0.1, -0.25, 0.3]
        let ours = Self.strings(layout.storeCommand(text: "What is Redis?", model: "text-embedding-3-small", vector: vector, insertedAt: 1796321273.907515))
        // RedisVL's embedding was given as doubles; Junction's float32 0.1 prints as the double it is.
        var expected = redisvl[0]
        expected[expected.firstIndex(of: "embedding")! + 1] = "[0.10000000149011612, -0.25, 0.30000001192092896]"
        #expect(ours == expected)
        let key = layout.key(text: "What is Redis?", model: "text-embedding-3-small")
        #expect(Self.strings(EmbeddingsCacheLayout.expireCommand(key: key, seconds: 600)) == redisvl[1])
    }

    @Test func readsAreHGETALLAndAHitRefreshesTheTTL() throws {
        let redisvl = try Self.monitored("get(")
        let key = EmbeddingsCacheLayout(name: "embedcache").key(text: "What is Redis?", model: "text-embedding-3-small")
        #expect(redisvl == [["HGETALL", key], ["EXPIRE", key, "600"]])
    }

    @Test func readsTheEmbeddingRedisVLWrote() throws {
        let reply: RESPValue = .array([
            .bulkString("entry_id"), .bulkString("x"), .bulkString("content"), .bulkString("What is Redis?"),
            .bulkString("model_name"), .bulkString("m"), .bulkString("embedding"), .bulkString("[0.1, -0.25, 0.30000001192092896]"),
        ])
        #expect(EmbeddingsCacheLayout.vector(fromHash: reply, text: "What is Redis?", model: "m") == [0.1, -0.25, 0.3])
        #expect(EmbeddingsCacheLayout.vector(fromHash: reply, text: "What is Redis?", model: "other") == nil)
        #expect(EmbeddingsCacheLayout.vector(fromHash: .array([]), text: "What is Redis?", model: "m") == nil)
    }
}
