import HTTPTypes
import Foundation
import HummingbirdTesting
import JunctionFakeUpstream
import JunctionGateway
import NIOCore
import Testing

@Suite struct EndpointTests {
    @Test func modelsListsAutoAndUpstreamModels() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await Harness.make(configuration(upstream: upstream))
            let response = try await harness.test { client in try await client.execute(uri: "/v1/models", method: .get) }
            #expect(response.json["object"] as? String == "list")
            let data = try #require(response.json["data"] as? [[String: Any]])
            #expect(data.map { $0["id"] as? String } == ["auto", "gpt-4o-mini", "gpt-4o"])
            #expect(data.allSatisfy { $0["object"] as? String == "model" })
            #expect(data[1]["owned_by"] as? String == "fake")
        }
    }

    @Test func embeddingsServeTheLocalModelAsFloatsOrBase64() async throws {
        let harness = try await Harness.make(configuration(upstream: nil))
        let (floats, base64, bad, unknown) = try await harness.test { client in
            (
                try await client.execute(uri: "/v1/embeddings", method: .post, body: ByteBuffer(string: #"{"input":["hello there","x"],"model":"test/embedder"}"#)),
                try await client.execute(uri: "/v1/embeddings", method: .post, body: ByteBuffer(string: #"{"input":"hello there","encoding_format":"base64","model":"embedder"}"#)),
                try await client.execute(uri: "/v1/embeddings", method: .post, body: ByteBuffer(string: #"{"input":[1,2]}"#)),
                try await client.execute(uri: "/v1/embeddings", method: .post, body: ByteBuffer(string: #"{"input":"x","model":"text-embedding-3-small"}"#))
            )
        }
        expectError(unknown, status: 404, code: "model_not_found", param: "model")
        #expect((unknown.error["message"] as? String)?.contains("test/embedder") == true, "the message lists the models Junction has")
        #expect(floats.status == .ok)
        #expect(floats.json["model"] as? String == "test/embedder")
        let data = try #require(floats.json["data"] as? [[String: Any]])
        #expect(data.count == 2 && data[1]["index"] as? Int == 1)
        let vector = try #require(data[0]["embedding"] as? [Double])
        #expect(vector.map { Float($0) } == TestScene.table["hello there"])
        #expect(floats.header("x-junction-model") == "test/embedder")

        let encoded = try #require(((base64.json["data"] as? [[String: Any]])?.first?["embedding"] as? String).flatMap { Data(base64Encoded: $0) })
        let decoded = encoded.withUnsafeBytes { raw in (0..<(raw.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) } }
        #expect(decoded == TestScene.table["hello there"])
        expectError(bad, status: 400, code: "invalid_request", param: "input")
    }

    @Test func healthAndReadiness() async throws {
        let harness = try await Harness.make(configuration(upstream: nil))
        let (health, ready) = try await harness.test { client in
            (try await client.execute(uri: "/healthz", method: .get), try await client.execute(uri: "/readyz", method: .get))
        }
        #expect(health.json["status"] as? String == "ok")
        #expect(ready.json["status"] as? String == "ready")
        #expect(ready.json["model"] as? String == "test/embedder" && ready.json["store"] as? String == "embedded")
    }

    @Test func metricsShowTheDocumentedSeries() async throws {
        try await FakeUpstream.withRunning { upstream in
            var settings = configuration(upstream: upstream)
            settings.router = .definition(TestScene.definition())
            let harness = try await Harness.make(settings)
            let text = try await harness.test { client in
                _ = try await client.chat(chatBody(model: "auto", user: "near maths"))
                _ = try await client.chat(chatBody(model: "nope"))
                return try await client.execute(uri: "/metrics", method: .get).text
            }
            for series in [
                #"junction_requests_total{endpoint="/v1/chat/completions",model="gpt-4o",route="maths",outcome="forwarded"} 1"#,
                #"junction_requests_total{endpoint="/v1/chat/completions",model="none",route="none",outcome="client_error"} 1"#,
                #"junction_routing_decisions_total{route="maths"} 1"#,
                #"junction_stage_duration_seconds_bucket{stage="embed""#,
                #"junction_stage_duration_seconds_bucket{stage="route""#,
                #"junction_stage_duration_seconds_bucket{stage="upstream""#,
                #"junction_stage_duration_seconds_count{stage="total"}"#,
                #"junction_prompt_tokens_total{model="gpt-4o"}"#,
                #"junction_completion_tokens_total{model="gpt-4o"}"#,
                "junction_cache_hit_ratio",
                "junction_cache_entries",
            ] {
                #expect(text.contains(series), "missing \(series)")
            }
            #expect(!text.contains("near maths"))
        }
    }
}
