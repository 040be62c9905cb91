import Foundation
import HTTPTypes
import HummingbirdTesting
import JunctionCache
import JunctionFakeUpstream
import JunctionGateway
import JunctionLimits
import NIOCore
import Testing

/// Limits in the request path, in process: requests per minute with OpenAI's headers and 429s, token
/// budgets reserved before forwarding and settled with the upstream's usage, cache hits that spend no
/// tokens, and the usage chunk asked for on a stream's behalf and kept from the client.
@Suite struct RateLimitTests {
    static let key = "sk-config-limited"
    static let bearer: HTTPFields = [.authorization: "Bearer \(key)"]

    static func settings(_ upstream: FakeUpstream, limits: KeyLimits) -> GatewayConfiguration {
        var settings = configuration(upstream: upstream)
        settings.access.required = true
        settings.access.keys = [AccessSettings.ConfiguredKey(hash: APIKey.hash(key), tenant: "acme", limits: limits)]
        return settings
    }

    @Test func requestsPerMinuteAnswersWithOpenAIsHeadersAndA429() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await Harness.make(Self.settings(upstream, limits: KeyLimits(requestsPerMinute: 3)), router: nil)
            let responses = try await harness.test { client in
                var responses: [TestResponse] = []
                for _ in 0..<4 { responses.append(try await client.chat(chatBody(), headers: Self.bearer)) }
                return responses
            }
            for (index, response) in responses.prefix(3).enumerated() {
                #expect(response.status == .ok)
                #expect(response.header("x-ratelimit-limit-requests") == "3")
                #expect(response.header("x-ratelimit-remaining-requests") == "\(2 - index)")
                #expect(response.header("x-ratelimit-reset-requests")?.hasSuffix("s") == true)
                #expect(response.header("retry-after") == nil)
            }
            let refused = responses[3]
            expectError(refused, status: 429, code: "rate_limit_exceeded", type: "requests")
            #expect(refused.header("x-ratelimit-remaining-requests") == "0")
            #expect((59...60).contains(Int(refused.header("retry-after") ?? "") ?? 0))
            #expect(Int(refused.header("retry-after-ms") ?? "") ?? 0 > 58_000)
            #expect((refused.error["message"] as? String ?? "").contains("Limit 3"))
            #expect(upstream.chatRequests.count == 3)
            #expect(harness.metricsText.contains(#"junction_rate_limited_total{reason="requests"} 1"#))
        }
    }

    @Test func aBudgetIsReservedBeforeForwardingAndSettledWithTheRealUsage() async throws {
        try await FakeUpstream.withRunning { upstream in
            let limits = KeyLimits(budget: TokenBudget(tokens: 20, period: .day(timeZone: "UTC")))
            let harness = try await Harness.make(Self.settings(upstream, limits: limits), router: nil)
            let body = chatBody(extra: #","max_tokens":5"#)
            let (first, second) = try await harness.test { client in
                (try await client.chat(body, headers: Self.bearer), try await client.chat(body, headers: Self.bearer))
            }
            // Estimate: 13 prompt + 5 completion = 18 <= 20; the fake upstream then reports 3 + 4 = 7 tokens.
            #expect(first.status == .ok)
            #expect(first.header("x-junction-budget-remaining-tokens") == "2", "18 reserved while forwarding")
            // 7 spent + 18 reserved > 20: the second cannot reserve its estimate.
            expectError(second, status: 429, code: "insufficient_quota", type: "insufficient_quota")
            #expect(upstream.chatRequests.count == 1)
            let record = try #require(try await harness.gateway.keyRecords().first)
            let usage = try await harness.gateway.usage(of: record)
            #expect(usage.budgetSpent == 7, "the reservation was settled with the upstream's usage")
        }
    }

    @Test func cacheHitsCountAsRequestsButSpendNoTokens() async throws {
        try await FakeUpstream.withRunning { upstream in
            var settings = Self.settings(upstream, limits: KeyLimits(requestsPerMinute: 10, budget: TokenBudget(tokens: 20, period: .rolling(hours: 1))))
            settings.cache.enabled = true
            settings.cache.configuration.name = "limits-\(UUID().uuidString.prefix(8).lowercased())"
            let embedder = TestEmbedder(table: TestScene.table.merging(["What is Swift?": TestEmbedder.axis(0)]) { $1 })
            try await CacheBackend.embedded.withCache(settings.cache.configuration, embedder: embedder) { cache in
                let harness = try await Harness.make(settings, router: nil, cache: cache, embedder: embedder)
                let body = chatBody(extra: #","max_tokens":5"#)
                let (miss, hit) = try await harness.test { client in
                    (try await client.chat(body, headers: Self.bearer), try await client.chat(body, headers: Self.bearer))
                }
                #expect(miss.header("x-junction-cache") == "miss")
                #expect(hit.status == .ok && hit.header("x-junction-cache") == "hit", "a hit needs no reservation, so the budget's 13 left are enough")
                #expect(hit.header("x-ratelimit-remaining-requests") == "8", "the hit counted as a request")
                let record = try #require(try await harness.gateway.keyRecords().first)
                let usage = try await harness.gateway.usage(of: record)
                #expect(usage.budgetSpent == 7)
                #expect(usage.requestsLastMinute == 2)
            }
        }
    }

    @Test func aStreamsUsageIsAskedForAndKeptFromTheClient() async throws {
        try await FakeUpstream.withRunning { upstream in
            let limits = KeyLimits(tokensPerMinute: 10_000, budget: TokenBudget(tokens: 10_000, period: .day(timeZone: "UTC")))
            let harness = try await Harness.make(Self.settings(upstream, limits: limits), router: nil)
            let (plain, asked) = try await harness.test { client in
                (
                    try await client.chat(chatBody(stream: true), headers: Self.bearer),
                    try await client.chat(chatBody(stream: true, extra: #","stream_options":{"include_usage":true}"#), headers: Self.bearer)
                )
            }
            let sent = try #require(upstream.chatRequests.first?.json)
            #expect((sent["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true, "the gateway asked for usage")
            #expect(plain.events.last == "[DONE]")
            #expect(!plain.events.contains { $0.contains("\"usage\":{") }, "the client did not ask for the usage chunk and does not get it")
            #expect(plain.streamedContent == "Echo: What is Swift?")
            #expect(asked.events.contains { $0.contains("\"usage\":{") }, "a client that asked keeps it")
            let record = try #require(try await harness.gateway.keyRecords().first)
            let usage = try await harness.gateway.usage(of: record)
            #expect(usage.budgetSpent == 14, "both streams settled at the upstream's 7 tokens")
            #expect(usage.tokensLastMinute == 14)
        }
    }
}
