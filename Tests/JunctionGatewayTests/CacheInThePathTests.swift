import Foundation
import HTTPTypes
import HummingbirdTesting
import JunctionCache
import JunctionFakeUpstream
import JunctionGateway
import JunctionTestSupport
import NIOCore
import Testing

/// The cache in the request path, on each backend: a real Redis (started for the suite) and the embedded store.
@Suite(.redisServer) struct CacheInThePathTests {
    /// Runs `body` with a gateway whose cache is on `backend`, forwarding to `upstream`; the cache is deleted
    /// afterwards.
    private func withHarness(
        _ backend: CacheBackend, _ upstream: FakeUpstream, change: (inout GatewayConfiguration) -> Void = { _ in },
        _ body: (Harness) async throws -> Void
    ) async throws {
        var settings = configuration(upstream: upstream)
        settings.cache.enabled = true
        settings.cache.configuration.name = "gateway-test-\(UUID().uuidString.prefix(8).lowercased())"
        settings.tenantKeys = ["sk-a1": "team-a", "sk-a2": "team-a"]
        change(&settings)
        let embedder = TestEmbedder(table: TestScene.table.merging([
            "What is Swift?": TestEmbedder.axis(0), "Tell me what Swift is": TestEmbedder.axis(0, distance: 0.04),
        ]) { $1 })
        try await backend.withCache(settings.cache.configuration, embedder: embedder) { cache in
            try await body(try await Harness.make(settings, router: nil, cache: cache, embedder: embedder))
        }
    }

    @Test(arguments: CacheBackend.allCases) func missThenHitAsJSON(backend: CacheBackend) async throws {
        try await FakeUpstream.withRunning { upstream in
            try await withHarness(backend, upstream) { harness in
                let (miss, hit, paraphrase) = try await harness.test { client in
                    (
                        try await client.chat(chatBody()),
                        try await client.chat(chatBody()),
                        try await client.chat(chatBody(user: "Tell me what Swift is"))
                    )
                }
                #expect(miss.header("x-junction-cache") == "miss" && miss.header("x-junction-cache-distance") == "none")
                #expect(hit.header("x-junction-cache") == "hit" && hit.header("x-junction-cache-distance") == "0.000000")
                #expect(hit.content == "Echo: What is Swift?" && hit.json["object"] as? String == "chat.completion")
                #expect(hit.json["model"] as? String == "gpt-4o-mini")
                #expect(hit.header("x-junction-model") == "gpt-4o-mini")
                #expect(paraphrase.header("x-junction-cache") == "hit" && paraphrase.content == "Echo: What is Swift?")
                #expect(paraphrase.header("x-junction-cache-distance") == "0.040000")
                #expect(upstream.chatRequests.count == 1)
                let text = harness.metricsText
                #expect(text.contains(#"junction_cache_lookups_total{result="hit"} 2"#))
                #expect(text.contains(#"junction_cache_lookups_total{result="miss"} 1"#))
                #expect(text.contains(#"outcome="cache_hit"} 2"#))
            }
        }
    }

    @Test(arguments: CacheBackend.allCases) func streamedMissIsStoredAndReplayedBothWays(backend: CacheBackend) async throws {
        try await FakeUpstream.withRunning { upstream in
            try await withHarness(backend, upstream) { harness in
                let (streamMiss, jsonHit, jsonMiss, streamHit) = try await harness.test { client in
                    (
                        try await client.chat(chatBody(user: "first", stream: true)),
                        try await client.chat(chatBody(user: "first")),
                        try await client.chat(chatBody(user: "second")),
                        try await client.chat(chatBody(user: "second", stream: true, extra: #","stream_options":{"include_usage":true}"#))
                    )
                }
                #expect(streamMiss.header("x-junction-cache") == "miss" && streamMiss.streamedContent == "Echo: first")
                #expect(jsonHit.header("x-junction-cache") == "hit" && jsonHit.content == "Echo: first")
                #expect(jsonMiss.header("x-junction-cache") == "miss")
                #expect(streamHit.header("x-junction-cache") == "hit")
                #expect(streamHit.header("content-type") == "text/event-stream")
                #expect(streamHit.streamedContent == "Echo: second")
                let events = streamHit.events
                #expect(events.last == "[DONE]")
                #expect(events.first?.contains(#""role":"assistant""#) == true)
                #expect(events.dropLast().last?.contains(#""usage":{"prompt_tokens":0"#) == true)
                #expect(events.contains { $0.contains(#""finish_reason":"stop""#) })
                #expect(upstream.chatRequests.count == 2)
            }
        }
    }

    @Test(arguments: CacheBackend.allCases) func answersThatMustNotBeCachedAreNot(backend: CacheBackend) async throws {
        try await FakeUpstream.withRunning { upstream in
            try await withHarness(backend, upstream) { harness in
                try await harness.test { client in
                    upstream.update { $0.finishReason = "length" }
                    _ = try await client.chat(chatBody(user: "truncated"))
                    upstream.update { $0.finishReason = "stop" }
                    #expect(try await client.chat(chatBody(user: "truncated")).header("x-junction-cache") == "miss")

                    upstream.failNext(status: 500, count: 10)
                    #expect(try await client.chat(chatBody(user: "failing")).status.code == 502)
                    upstream.reset()
                    #expect(try await client.chat(chatBody(user: "failing")).header("x-junction-cache") == "miss")

                    upstream.update { $0.toolCall = true }
                    _ = try await client.chat(chatBody(user: "tools"))
                    upstream.update { $0.toolCall = false }
                    #expect(try await client.chat(chatBody(user: "tools")).header("x-junction-cache") == "miss")

                    upstream.update { $0.dropStreamAfterChunks = 2 }
                    let dropped = try await client.chat(chatBody(user: "dropped", stream: true))
                    #expect(dropped.events.last != "[DONE]")
                    upstream.update { $0.dropStreamAfterChunks = nil }
                    #expect(try await client.chat(chatBody(user: "dropped")).header("x-junction-cache") == "miss")

                    let noStore: HTTPFields = [HTTPField.Name("x-junction-cache")!: "no-store"]
                    #expect(try await client.chat(chatBody(user: "private"), headers: noStore).header("x-junction-cache") == "miss")
                    #expect(try await client.chat(chatBody(user: "private"), headers: [.cacheControl: "no-store"]).header("x-junction-cache") == "miss")

                    _ = try await client.chat(chatBody(user: "stored"))
                    let bypass = try await client.chat(chatBody(user: "stored"), headers: [HTTPField.Name("x-junction-cache")!: "bypass"])
                    #expect(bypass.header("x-junction-cache") == "bypass")
                    #expect(try await client.chat(chatBody(user: "stored"), headers: [.cacheControl: "no-cache"]).header("x-junction-cache") == "bypass")
                    #expect(try await client.chat(chatBody(user: "stored", extra: #","temperature":1.5"#)).header("x-junction-cache") == "bypass")
                    #expect(try await client.chat(chatBody(user: "stored", extra: #","temperature":0.2"#)).header("x-junction-cache") == "hit")
                }
                #expect(harness.metricsText.contains(#"junction_cache_lookups_total{result="bypass"} 3"#))
            }
        }
    }

    @Test(arguments: CacheBackend.allCases) func tenantsNeverShareAnswers(backend: CacheBackend) async throws {
        try await FakeUpstream.withRunning { upstream in
            try await withHarness(backend, upstream) { harness in
                @Sendable func key(_ key: String) -> HTTPFields { [.authorization: "Bearer \(key)"] }
                let results = try await harness.test { client in
                    [
                        try await client.chat(chatBody(), headers: key("sk-a1")).header("x-junction-cache"),
                        try await client.chat(chatBody(), headers: key("sk-other")).header("x-junction-cache"),
                        try await client.chat(chatBody()).header("x-junction-cache"),
                        try await client.chat(chatBody(), headers: key("sk-a2")).header("x-junction-cache"),
                        try await client.chat(chatBody(), headers: key("sk-other")).header("x-junction-cache"),
                        try await client.chat(chatBody(model: "gpt-4o"), headers: key("sk-a1")).header("x-junction-cache"),
                    ]
                }
                #expect(results == ["miss", "miss", "miss", "hit", "hit", "miss"])
            }
        }
    }

    @Test(arguments: CacheBackend.allCases) func unscopedCacheIsSharedOnPurpose(backend: CacheBackend) async throws {
        try await FakeUpstream.withRunning { upstream in
            try await withHarness(backend, upstream, change: { $0.cache.scoped = false }) { harness in
                let second = try await harness.test { client in
                    _ = try await client.chat(chatBody(), headers: [.authorization: "Bearer sk-one"])
                    return try await client.chat(chatBody(), headers: [.authorization: "Bearer sk-two"])
                }
                #expect(second.header("x-junction-cache") == "hit")
            }
        }
    }

    @Test(arguments: CacheBackend.allCases) func cacheAdminStatsCheckAndClear(backend: CacheBackend) async throws {
        try await FakeUpstream.withRunning { upstream in
            try await withHarness(backend, upstream, change: { $0.cache.scoped = false }) { harness in
                let (stats, check, cleared, after) = try await harness.test { client in
                    _ = try await client.chat(chatBody())
                    return (
                        try await client.execute(uri: "/v1/admin/cache/stats", method: .get, headers: adminHeaders),
                        try await client.execute(uri: "/v1/admin/cache/check", method: .post, headers: adminHeaders, body: ByteBuffer(string: #"{"prompt":"Tell me what Swift is"}"#)),
                        try await client.execute(uri: "/v1/admin/cache", method: .delete, headers: adminHeaders),
                        try await client.chat(chatBody())
                    )
                }
                #expect(stats.json["entries"] as? Int == 1 && stats.json["backend"] as? String == backend.rawValue)
                let hits = try #require(check.json["hits"] as? [[String: Any]])
                #expect(hits.count == 1 && hits.first?["response"] as? String == "Echo: What is Swift?")
                #expect(abs((hits.first?["vector_distance"] as? Double ?? 1) - 0.04) < 1e-4)
                #expect(cleared.json["cleared"] as? Int == 1)
                #expect(after.header("x-junction-cache") == "miss")
            }
        }
    }
}
