import Foundation
import JunctionEmbeddings
import JunctionEncoder
import Testing

/// The vectorizer descriptor picks the embedder, each made once; anything Junction cannot serve stops with a
/// message naming the vectorizer, the model and what to do.
@Suite struct EmbedderRegistryTests {
    @Test func unsupportedVectorizerTypeNamesItAndTheAlternatives() async throws {
        let registry = try EmbedderRegistry(configuration: EmbeddingsConfiguration())
        do {
            _ = try await registry.embedder(type: "cohere", model: "embed-english-v3.0")
            Issue.record("cohere must be refused")
        } catch {
            #expect(error.code == "unsupported_vectorizer")
            for word in ["cohere", "embed-english-v3.0", "hf", "openai", "azure_openai"] {
                #expect(error.message.contains(word), "\(word) in \(error.message)")
            }
        }
    }

    @Test func anHFModelThatIsNotInstalledSaysWhatIs() async throws {
        let installed = InstalledModel(name: "sentence-transformers/all-MiniLM-L6-v2", directory: URL(fileURLWithPath: "/nowhere"))
        let registry = try EmbedderRegistry(configuration: EmbeddingsConfiguration(localModels: [installed]))
        do {
            _ = try await registry.embedder(type: "hf", model: "BAAI/bge-small-en-v1.5")
            Issue.record("a model that is not installed must be refused")
        } catch {
            #expect(error.code == "model_not_installed")
            #expect(error.message.contains("BAAI/bge-small-en-v1.5") && error.message.contains("all-MiniLM-L6-v2"))
        }
    }

    @Test func providersWithoutCredentialsSayWhichVariablesToSet() async throws {
        let registry = try EmbedderRegistry(configuration: EmbeddingsConfiguration())
        for (type, variable) in [("openai", "OPENAI_API_KEY"), ("azure_openai", "AZURE_OPENAI_API_KEY")] {
            do {
                _ = try await registry.embedder(type: type, model: "text-embedding-3-small")
                Issue.record("\(type) without credentials must be refused")
            } catch {
                #expect(error.code == "missing_credentials")
                #expect(error.message.contains(variable) && error.message.contains("text-embedding-3-small"))
            }
        }
    }

    @Test func registeredEmbeddersAreServedAndCheckedAgainstTheIndexWidth() async throws {
        let registry = try EmbedderRegistry(configuration: EmbeddingsConfiguration())
        let counting = CountingEmbedder()
        await registry.register(counting, type: "hf")
        let served = try await registry.embedder(type: "hf", model: "counting-model", dimension: 4)
        #expect(served.modelName == "counting-model")
        do {
            _ = try await registry.embedder(type: "hf", model: "counting-model", dimension: 768)
            Issue.record("a width that is not the index's must be refused")
        } catch {
            #expect(error.code == "dimension_mismatch")
            #expect(error.message.contains("4-d") && error.message.contains("768-d") && error.message.contains("counting-model"))
        }
    }

    @Test func aLocalModelIsLoadedOnceForEveryCaller() async throws {
        let tiny = Fixtures.packageRoot.appendingPathComponent("Tests/JunctionEncoderTests/Fixtures/tiny/mean-uncased-f32")
        let registry = try EmbedderRegistry(configuration: EmbeddingsConfiguration(
            localModels: [InstalledModel(name: "acme/tiny-bert", directory: tiny)]
        ))
        async let first = registry.embedder(type: "hf", model: "acme/tiny-bert")
        async let second = registry.embedder(type: "hf", model: "acme/tiny-bert")
        let (a, b) = try await (first, second)
        let encoderA = try #require(a as? SentenceEncoder), encoderB = try #require(b as? SentenceEncoder)
        #expect(encoderA === encoderB)
        #expect(encoderA.modelName == "acme/tiny-bert")
    }

    @Test func aShortNameIsTheSentenceTransformersOne() async throws {
        let tiny = Fixtures.packageRoot.appendingPathComponent("Tests/JunctionEncoderTests/Fixtures/tiny/mean-uncased-f32")
        let registry = try EmbedderRegistry(configuration: EmbeddingsConfiguration(
            localModels: [InstalledModel(name: "sentence-transformers/tiny", directory: tiny)]
        ))
        let embedder = try await registry.embedder(type: "hf", model: "tiny")
        #expect(embedder.modelName == "sentence-transformers/tiny")
    }
}
