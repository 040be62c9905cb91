import HTTPTypes
import Foundation
import HummingbirdTesting
import JunctionFakeUpstream
import JunctionGateway
import NIOCore
import Testing

@Suite struct ChatForwardingTests {
    @Test func namedModelPassesThroughWithOnlyTheModelMapped() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await Harness.make(configuration(upstream: upstream))
            let body = #"{"model":"gpt-4o", "messages":[{"role":"user","content":"What is Swift?"}],"seed":42,"metadata":{"k":[1,2.50]},"logit_bias":{"50256":-100}}"#
            let response = try await harness.test { client in
                try await client.chat(ByteBuffer(string: body), headers: [.authorization: "Bearer sk-client"])
            }
            #expect(response.status == .ok)
            #expect(response.content == "Echo: What is Swift?")
            #expect(response.header("x-junction-model") == "gpt-4o")
            #expect(response.header("x-junction-route") == "none")
            #expect(response.header("x-junction-route-distance") == "none")
            #expect(response.header("x-junction-cache") == "off")
            expectDecisionHeaders(response)
            let received = try #require(upstream.chatRequests.last)
            #expect(String(decoding: received.body, as: UTF8.self) == body.replacingOccurrences(of: "\"gpt-4o\"", with: "\"gpt-4o-2024-08-06\""))
            #expect(received.headers["authorization"] == "Bearer sk-upstream")
        }
    }

    @Test func requestIDIsEchoedAndSentUpstream() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await Harness.make(configuration(upstream: upstream))
            let (given, made) = try await harness.test { client in
                let given = try await client.chat(chatBody(), headers: [HTTPField.Name("x-request-id")!: "trace-123"])
                let made = try await client.execute(uri: "/healthz", method: .get)
                return (given, made)
            }
            #expect(given.header("x-junction-request-id") == "trace-123")
            #expect(upstream.chatRequests.last?.headers["x-request-id"] == "trace-123")
            #expect(made.header("x-junction-request-id")?.hasPrefix("req_") == true)
            expectDecisionHeaders(made)
        }
    }

    @Test func streamedAnswersAreForwardedChunkByChunk() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await Harness.make(configuration(upstream: upstream))
            let response = try await harness.test { client in
                try await client.chat(chatBody(user: "Stream me", stream: true, extra: #","stream_options":{"include_usage":true}"#))
            }
            #expect(response.status == .ok)
            #expect(response.header("content-type")?.hasPrefix("text/event-stream") == true)
            #expect(response.events.last == "[DONE]")
            #expect(response.events.count > 3)
            #expect(response.streamedContent == "Echo: Stream me")
            expectDecisionHeaders(response)
            #expect(harness.metricsText.contains(#"junction_completion_tokens_total{model="gpt-4o-mini"}"#))
        }
    }

    @Test func upstreamClientErrorsPassThroughWithTheirBody() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await Harness.make(configuration(upstream: upstream, retries: 2))
            let body = #"{"error":{"message":"bad key","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#
            upstream.failNext(status: 401, body: body)
            let response = try await harness.test { client in try await client.chat(chatBody()) }
            #expect(response.status.code == 401)
            #expect(response.text == body)
            #expect(upstream.chatRequests.count == 1)
            expectDecisionHeaders(response)
        }
    }

    @Test func retriesThenAnswers() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await Harness.make(configuration(upstream: upstream, retries: 2))
            upstream.failNext(status: 503, count: 2)
            let response = try await harness.test { client in try await client.chat(chatBody()) }
            #expect(response.status == .ok)
            #expect(upstream.chatRequests.count == 3)
            #expect(harness.metricsText.contains(#"junction_upstream_errors_total{upstream="fake",code="503"} 2"#))
        }
    }

    @Test func failingUpstreamIs502NamingItAfterRetries() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await Harness.make(configuration(upstream: upstream, retries: 1))
            upstream.failNext(status: 500, count: 10)
            let response = try await harness.test { client in try await client.chat(chatBody()) }
            expectError(response, status: 502, code: "upstream_error")
            #expect(response.error["message"] as? String == "upstream 'fake' answered 500 after 2 attempts")
            #expect(upstream.chatRequests.count == 2)
            #expect(response.header("x-junction-model") == "gpt-4o-mini")
        }
    }

    @Test func slowUpstreamIs504() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await Harness.make(configuration(upstream: upstream, retries: 0, timeoutSeconds: 0.2))
            upstream.update { $0.delayMilliseconds = 3000 }
            let response = try await harness.test { client in try await client.chat(chatBody()) }
            expectError(response, status: 504, code: "upstream_timeout")
            #expect(response.error["message"] as? String == "upstream 'fake' timed out after 1 attempt")
        }
    }

    @Test func fallsBackToTheNextUpstream() async throws {
        try await FakeUpstream.withRunning { upstream in
            var settings = configuration(upstream: upstream)
            let down = UpstreamConfiguration(
                name: "down", baseURL: "http://127.0.0.1:1/v1", models: ["gpt-4o-mini"], retries: 1, retryBackoffMilliseconds: 1,
                fallbacks: ["fake"]
            )
            settings.upstreams.insert(down, at: 0)
            // One client serves every upstream with the largest connect timeout (AsyncHTTPClient retries a
            // refused connection until then).
            for index in settings.upstreams.indices { settings.upstreams[index].connectTimeoutSeconds = 0.3 }
            let harness = try await Harness.make(settings)
            let (response, failed) = try await harness.test { client in
                let response = try await client.chat(chatBody())
                upstream.failNext(status: 500, count: 10)
                return (response, try await client.chat(chatBody()))
            }
            #expect(response.status == .ok)
            #expect(response.content == "Echo: What is Swift?")
            #expect(harness.metricsText.contains(#"junction_upstream_errors_total{upstream="down",code="connect"} 4"#))
            #expect(failed.status.code == 502)
            #expect(failed.error["message"] as? String
                == "upstream 'down' could not be reached after 2 attempts (connection refused); then upstream 'fake' answered 500 after 2 attempts")
        }
    }
}
