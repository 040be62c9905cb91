import JunctionEmbeddings
import JunctionEncoder
import JunctionFakeUpstream
import Testing

/// OpenAI and Azure OpenAI embeddings through a real HTTP server that speaks both URL shapes and checks the
/// headers (`JunctionFakeUpstream`): batching, retries with backoff on 429 and 5xx, timeouts, clear errors.
@Suite struct RemoteEmbedderTests {
    static let key = "test-key-123"

    /// A registry whose `type` provider is the fake upstream, with quick retries.
    static func registry(
        _ upstream: FakeUpstream, provider: RemoteEmbeddingsConfiguration.Provider, azureV1: Bool = false,
        apiKey: String = key, batchSize: Int = 256, timeout: Double = 60, retries: Int = 2,
        deployments: [String: String] = [:], cache: EmbeddingsCacheConfiguration? = nil
    ) throws -> EmbedderRegistry {
        let remote: RemoteEmbeddingsConfiguration
        switch provider {
        case .openAI:
            remote = RemoteEmbeddingsConfiguration(
                provider: .openAI, baseURL: upstream.baseURL, apiKey: apiKey, batchSize: batchSize, timeoutSeconds: timeout,
                retries: retries, retryBackoffMilliseconds: 10
            )
        case .azureOpenAI:
            remote = RemoteEmbeddingsConfiguration(
                provider: .azureOpenAI, baseURL: azureV1 ? upstream.url + "/openai/v1" : upstream.url, apiKey: apiKey,
                apiVersion: azureV1 ? nil : "2024-10-21", deployments: deployments, batchSize: batchSize,
                timeoutSeconds: timeout, retries: retries, retryBackoffMilliseconds: 10
            )
        }
        return try EmbedderRegistry(configuration: EmbeddingsConfiguration(
            openAI: provider == .openAI ? remote : nil, azureOpenAI: provider == .azureOpenAI ? remote : nil, cache: cache
        ))
    }

    @Test func openAIEmbeddingsWithTheBearerKey() async throws {
        try await FakeUpstream.withRunning { upstream in
            upstream.update { $0.apiKey = Self.key }
            let registry = try Self.registry(upstream, provider: .openAI)
            let embedder = try await registry.embedder(type: "openai", model: "text-embedding-3-small", dimension: 1536)
            #expect(embedder.dimension == 1536)
            let vectors = try await embedder.vectors(for: ["What is Redis?", "How do I reset my password?"])
            #expect(vectors == [upstream.embedding(of: "What is Redis?"), upstream.embedding(of: "How do I reset my password?")])
            let request = try #require(upstream.embeddingsRequests.last)
            #expect(request.path == "/v1/embeddings")
            #expect(request.headers["authorization"] == "Bearer \(Self.key)")
            #expect(request.jsonObject["model"] as? String == "text-embedding-3-small")
            #expect(request.jsonObject["encoding_format"] as? String == "base64")
            await registry.shutdown()
        }
    }

    @Test func azureDeploymentURLWithAPIVersionAndKeyHeader() async throws {
        try await FakeUpstream.withRunning { upstream in
            upstream.update {
                $0.apiKey = Self.key
                $0.azureDeployments = ["embeddings-prod"]
            }
            let registry = try Self.registry(upstream, provider: .azureOpenAI, deployments: ["text-embedding-ada-002": "embeddings-prod"])
            let embedder = try await registry.embedder(type: "azure_openai", model: "text-embedding-ada-002")
            #expect(try await embedder.vectors(for: ["hello"]) == [upstream.embedding(of: "hello")])
            let request = try #require(upstream.embeddingsRequests.last)
            #expect(request.path == "/openai/deployments/embeddings-prod/embeddings")
            #expect(request.query == "api-version=2024-10-21")
            #expect(request.headers["api-key"] == Self.key)
            #expect(request.headers["authorization"] == nil)
            await registry.shutdown()
        }
    }

    @Test func azureV1BaseURL() async throws {
        try await FakeUpstream.withRunning { upstream in
            upstream.update { $0.apiKey = Self.key }
            let registry = try Self.registry(upstream, provider: .azureOpenAI, azureV1: true)
            let embedder = try await registry.embedder(type: "azure_openai", model: "my-embeddings")
            #expect(try await embedder.vectors(for: ["hello"]) == [upstream.embedding(of: "hello")])
            let request = try #require(upstream.embeddingsRequests.last)
            #expect(request.path == "/openai/v1/embeddings")
            #expect(request.query == "")
            #expect(request.headers["api-key"] == Self.key)
            #expect(request.jsonObject["model"] as? String == "my-embeddings")
            await registry.shutdown()
        }
    }

    @Test func unknownWidthIsAskedOnceWithRedisVLsDimensionCheck() async throws {
        try await FakeUpstream.withRunning { upstream in
            upstream.update { $0.embeddingDimensions = 256 }
            let registry = try Self.registry(upstream, provider: .openAI)
            let embedder = try await registry.embedder(type: "openai", model: "some-custom-model")
            #expect(embedder.dimension == 256)
            _ = try await registry.embedder(type: "openai", model: "some-custom-model")
            #expect(upstream.embeddingsRequests.count == 1)
            #expect((upstream.embeddingsRequests[0].jsonObject["input"] as? [String]) == ["dimension check"])
            await #expect(throws: EmbeddingsError.self) {
                _ = try await registry.embedder(type: "openai", model: "some-custom-model", dimension: 1536)
            }
            await registry.shutdown()
        }
    }

    @Test func batchesLongLists() async throws {
        try await FakeUpstream.withRunning { upstream in
            let registry = try Self.registry(upstream, provider: .openAI, batchSize: 2)
            let embedder = try await registry.embedder(type: "openai", model: "text-embedding-3-small")
            let texts = (0..<5).map { "text number \($0)" }
            #expect(try await embedder.vectors(for: texts) == texts.map { upstream.embedding(of: $0) })
            #expect(upstream.embeddingsRequests.map { ($0.jsonObject["input"] as? [String])?.count ?? 0 } == [2, 2, 1])
            await registry.shutdown()
        }
    }

    @Test(arguments: [429, 500, 503])
    func retriesRateLimitsAndServerErrors(status: Int) async throws {
        try await FakeUpstream.withRunning { upstream in
            let registry = try Self.registry(upstream, provider: .openAI, retries: 2)
            let embedder = try await registry.embedder(type: "openai", model: "text-embedding-3-small")
            upstream.failNext(status: status, count: 2)
            #expect(try await embedder.vectors(for: ["retry me"]) == [upstream.embedding(of: "retry me")])
            #expect(upstream.embeddingsRequests.count == 3)
            upstream.failNext(status: status, count: 3)
            do {
                _ = try await embedder.vectors(for: ["give up"])
                Issue.record("three failures with two retries must fail")
            } catch let error as EmbeddingsError {
                #expect(error.code == "provider_error")
                #expect(error.status == status)
                #expect(error.message.contains("\(status)") && error.message.contains("3 attempts"), "\(error.message)")
            }
            await registry.shutdown()
        }
    }

    @Test func aWrongKeyFailsAtOnceWithTheProvidersMessage() async throws {
        try await FakeUpstream.withRunning { upstream in
            upstream.update { $0.apiKey = "the-right-key" }
            let registry = try Self.registry(upstream, provider: .azureOpenAI)
            do {
                _ = try await registry.embedder(type: "azure_openai", model: "text-embedding-3-small").vectors(for: ["x"])
                Issue.record("a wrong key must fail")
            } catch let error as EmbeddingsError {
                #expect(error.status == 401)
                #expect(error.message.contains("Access denied") && error.message.contains("check the API key"), "\(error.message)")
            }
            #expect(upstream.embeddingsRequests.count == 1, "a 401 is not retried")
            await registry.shutdown()
        }
    }

    @Test func aMissingDeploymentSaysSo() async throws {
        try await FakeUpstream.withRunning { upstream in
            upstream.update { $0.azureDeployments = ["other"] }
            let registry = try Self.registry(upstream, provider: .azureOpenAI)
            let embedder = try await registry.embedder(type: "azure_openai", model: "text-embedding-3-small")
            await #expect {
                _ = try await embedder.vectors(for: ["x"])
            } throws: { error in
                let error = error as? EmbeddingsError
                return error?.status == 404 && error?.message.contains("deployment") == true
            }
            await registry.shutdown()
        }
    }

    @Test func aSlowProviderTimesOut() async throws {
        try await FakeUpstream.withRunning { upstream in
            let registry = try Self.registry(upstream, provider: .openAI, timeout: 0.2, retries: 1)
            let embedder = try await registry.embedder(type: "openai", model: "text-embedding-3-small")
            upstream.update { $0.delayMilliseconds = 1000 }
            do {
                _ = try await embedder.vectors(for: ["slow"])
                Issue.record("a provider slower than the deadline must time out")
            } catch let error as EmbeddingsError {
                #expect(error.code == "provider_timeout")
                #expect(error.message.contains("timed out") && error.message.contains("2 attempts"), "\(error.message)")
            }
            await registry.shutdown()
        }
    }

    @Test func anUnreachableProviderSaysSo() async throws {
        let remote = RemoteEmbeddingsConfiguration(
            provider: .openAI, baseURL: "http://127.0.0.1:9/v1", apiKey: "k", retries: 1, retryBackoffMilliseconds: 10
        )
        let registry = try EmbedderRegistry(configuration: EmbeddingsConfiguration(openAI: remote))
        let embedder = try await registry.embedder(type: "openai", model: "text-embedding-3-small")
        await #expect {
            _ = try await embedder.vectors(for: ["x"])
        } throws: { ($0 as? EmbeddingsError)?.code == "provider_unreachable" }
        await registry.shutdown()
    }
}
