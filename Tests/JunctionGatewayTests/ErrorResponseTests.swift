import HTTPTypes
import Foundation
import HummingbirdTesting
import JunctionFakeUpstream
import JunctionGateway
import NIOCore
import Testing

@Suite struct ErrorResponseTests {
    @Test func clientErrorsHaveOpenAIShapeAndHeaders() async throws {
        try await FakeUpstream.withRunning { upstream in
            var settings = configuration(upstream: upstream)
            settings.server.maxBodyBytes = 4096
            let harness = try await Harness.make(settings)
            try await harness.test { client in
                expectError(try await client.chat(ByteBuffer(string: "{\"model\": ")), status: 400, code: "invalid_json")
                expectError(
                    try await client.chat(ByteBuffer(string: #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":7}]}"#)),
                    status: 400, code: "invalid_request", param: "messages[0].content"
                )
                expectError(try await client.chat(ByteBuffer(string: #"{"messages":[]}"#)), status: 400, code: "invalid_request", param: "model")
                let unknown = try await client.chat(chatBody(model: "gpt-5-ultra"))
                expectError(unknown, status: 404, code: "model_not_found", param: "model")
                #expect((unknown.error["message"] as? String)?.contains("gpt-5-ultra") == true)
                let large = chatBody(user: String(repeating: "x", count: 5000))
                expectError(try await client.chat(large), status: 413, code: "body_too_large")
                expectError(try await client.execute(uri: "/v1/nothing", method: .get), status: 404, code: "not_found")
            }
            #expect(upstream.chatRequests.isEmpty)
            #expect(harness.metricsText.contains(#"outcome="client_error""#))
        }
    }

    @Test func noUpstreamIs503NamingWhatToConfigure() async throws {
        let harness = try await Harness.make(configuration(upstream: nil))
        try await harness.test { client in
            let response = try await client.chat(chatBody())
            expectError(response, status: 503, code: "no_upstream")
            #expect(response.error["message"] as? String
                == "no upstream is configured: set OPENAI_BASE_URL/OPENAI_API_KEY or add `upstreams` to the config")
            let routed = try await client.execute(uri: "/v1/route", method: .post, body: ByteBuffer(string: #"{"input":"near maths"}"#))
            #expect(routed.status == .ok)
            let embedded = try await client.execute(uri: "/v1/embeddings", method: .post, body: ByteBuffer(string: #"{"input":"x","model":"any"}"#))
            #expect(embedded.status == .ok)
        }
    }

    @Test func headersAreOnEveryEndpoint() async throws {
        let harness = try await Harness.make(configuration(upstream: nil))
        try await harness.test { client in
            for (uri, method) in [("/healthz", HTTPRequest.Method.get), ("/readyz", .get), ("/metrics", .get), ("/v1/models", .get)] {
                let response = try await client.execute(uri: uri, method: method)
                #expect(response.status == .ok, "\(uri)")
                expectDecisionHeaders(response)
                #expect(response.header("x-junction-cache") == "off")
            }
            expectError(try await client.execute(uri: "/v1/admin/cache/stats", method: .get, headers: adminHeaders), status: 404, code: "cache_disabled")
        }
    }
}
