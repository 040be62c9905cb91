import Foundation
import HummingbirdTesting
import JunctionFakeUpstream
import JunctionGateway
import NIOCore
import Testing

/// Azure OpenAI upstreams against a fake that speaks Azure's URL shapes and checks the `api-key` header:
/// deployment URLs with `api-version` (the public model mapped to its deployment) and the `/openai/v1/` form,
/// JSON and streamed.
@Suite struct AzureUpstreamTests {
    static let key = "azure-key-123"

    func azure(_ upstream: FakeUpstream, v1: Bool) -> GatewayConfiguration {
        var settings = configuration(upstream: nil)
        settings.upstreams = [
            UpstreamConfiguration(
                name: "azure", baseURL: v1 ? upstream.url + "/openai/v1" : upstream.url + "/", apiKey: Self.key,
                models: ["gpt-4o"], modelMap: ["gpt-4o": "chat-prod"], retries: 0,
                provider: .azureOpenAI, apiVersion: v1 ? nil : "2024-10-21"
            ),
        ]
        return settings
    }

    @Test(arguments: [false, true])
    func deploymentURLWithAPIVersionAndKeyHeader(stream: Bool) async throws {
        try await FakeUpstream.withRunning { upstream in
            upstream.update {
                $0.apiKey = Self.key
                $0.azureDeployments = ["chat-prod"]
            }
            let harness = try await Harness.make(azure(upstream, v1: false))
            let response = try await harness.test { client in
                try await client.chat(chatBody(model: "gpt-4o", user: "Hello Azure", stream: stream))
            }
            #expect(response.status == .ok)
            #expect((stream ? response.streamedContent : response.content ?? "") == "Echo: Hello Azure")
            #expect(response.header("x-junction-model") == "gpt-4o")
            let received = try #require(upstream.chatRequests.last)
            #expect(received.path == "/openai/deployments/chat-prod/chat/completions")
            #expect(received.query == "api-version=2024-10-21")
            #expect(received.headers["api-key"] == Self.key)
            #expect(received.headers["authorization"] == nil)
        }
    }

    @Test(arguments: [false, true])
    func v1BaseURL(stream: Bool) async throws {
        try await FakeUpstream.withRunning { upstream in
            upstream.update { $0.apiKey = Self.key }
            let harness = try await Harness.make(azure(upstream, v1: true))
            let response = try await harness.test { client in
                try await client.chat(chatBody(model: "gpt-4o", user: "Hello v1", stream: stream))
            }
            #expect(response.status == .ok)
            #expect((stream ? response.streamedContent : response.content ?? "") == "Echo: Hello v1")
            let received = try #require(upstream.chatRequests.last)
            #expect(received.path == "/openai/v1/chat/completions")
            #expect(received.headers["api-key"] == Self.key)
            #expect(received.jsonObject["model"] as? String == "chat-prod", "the deployment is the model on the v1 form")
        }
    }

    @Test func aWrongKeyIsTheUpstreamsOwn401() async throws {
        try await FakeUpstream.withRunning { upstream in
            upstream.update { $0.apiKey = "another-key" }
            let harness = try await Harness.make(azure(upstream, v1: false))
            let response = try await harness.test { client in try await client.chat(chatBody(model: "gpt-4o")) }
            #expect(response.status == .unauthorized)
        }
    }

    @Test func configNeedsAnAPIVersionOrTheV1BaseURL() throws {
        let yaml = """
            upstreams:
              - name: azure
                provider: azure_openai
                base_url: https://acme.openai.azure.com
                api_key_env: AZURE_OPENAI_API_KEY
            """
        #expect {
            _ = try GatewayConfiguration.parse(yaml: yaml)
        } throws: { error in
            "\(error)".contains("api_version") && "\(error)".contains("/openai/v1")
        }
        let parsed = try GatewayConfiguration.parse(yaml: yaml + "\n    api_version: 2024-10-21\n    model_map: {gpt-4o: chat-prod}")
        #expect(parsed.upstreams.first?.provider == .azureOpenAI)
        #expect(parsed.upstreams.first?.apiVersion == "2024-10-21")
        #expect(parsed.upstreams.first?.upstreamModel(for: "gpt-4o") == "chat-prod")
    }
}
