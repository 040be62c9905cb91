@testable import JunctionEmbeddings
import Testing

/// The URL shapes and headers of each provider, without I/O.
@Suite struct EmbeddingsEndpointTests {
    @Test func openAIUsesBearerAndTheModel() {
        let configuration = RemoteEmbeddingsConfiguration(provider: .openAI, apiKey: "sk-test")
        let endpoint = EmbeddingsEndpoint(configuration: configuration, model: "text-embedding-3-small")
        #expect(endpoint.url == "https://api.openai.com/v1/embeddings")
        #expect(endpoint.headers["authorization"] == "Bearer sk-test")
        #expect(endpoint.headers["api-key"] == nil)
        #expect(endpoint.model == "text-embedding-3-small")
    }

    @Test func azureDeploymentURLCarriesTheAPIVersionAndTheKeyHeader() {
        let configuration = RemoteEmbeddingsConfiguration(
            provider: .azureOpenAI, baseURL: "https://acme.openai.azure.com/", apiKey: "azure-key",
            apiVersion: "2024-10-21", deployments: ["text-embedding-3-small": "embed small"]
        )
        let mapped = EmbeddingsEndpoint(configuration: configuration, model: "text-embedding-3-small")
        #expect(mapped.url == "https://acme.openai.azure.com/openai/deployments/embed%20small/embeddings?api-version=2024-10-21")
        #expect(mapped.headers["api-key"] == "azure-key")
        #expect(mapped.headers["authorization"] == nil)
        #expect(mapped.model == "embed small")
        // RedisVL's AzureOpenAITextVectorizer takes the deployment as its model: unmapped names pass through.
        #expect(EmbeddingsEndpoint(configuration: configuration, model: "ada-prod").url.contains("/deployments/ada-prod/embeddings?"))
    }

    @Test func azureV1BaseURLTakesNoAPIVersion() {
        let configuration = RemoteEmbeddingsConfiguration(
            provider: .azureOpenAI, baseURL: "https://acme.openai.azure.com/openai/v1", apiKey: "azure-key"
        )
        let endpoint = EmbeddingsEndpoint(configuration: configuration, model: "embed-deployment")
        #expect(endpoint.url == "https://acme.openai.azure.com/openai/v1/embeddings")
        #expect(endpoint.headers["api-key"] == "azure-key")
        #expect(endpoint.model == "embed-deployment")
        #expect(throws: Never.self) { try configuration.validate() }
    }

    @Test func bodyAsksForBase64AndEscapesTexts() {
        let endpoint = EmbeddingsEndpoint(configuration: RemoteEmbeddingsConfiguration(provider: .openAI, apiKey: "k"), model: "m")
        let body = String(decoding: endpoint.body(for: ["a \"quoted\" text", "é"]), as: UTF8.self)
        #expect(body == #"{"input":["a \"quoted\" text","é"],"model":"m","encoding_format":"base64"}"#)
    }

    @Test func configurationErrorsSayWhatToSet() {
        let noKey = RemoteEmbeddingsConfiguration(provider: .openAI)
        #expect(throws: EmbeddingsError.self) { try noKey.validate() }
        #expect((try? noKey.validate()) == nil)
        do {
            try noKey.validate()
        } catch {
            #expect(error.code == "missing_credentials")
            #expect(error.message.contains("OPENAI_API_KEY"))
        }
        let azureWithoutVersion = RemoteEmbeddingsConfiguration(provider: .azureOpenAI, baseURL: "https://acme.openai.azure.com", apiKey: "k")
        do {
            try azureWithoutVersion.validate()
            Issue.record("an Azure endpoint without api-version or /openai/v1 must be refused")
        } catch {
            #expect(error.code == "invalid_configuration")
            #expect(error.message.contains("api-version"))
        }
    }
}
