@testable import JunctionEmbeddings
import Testing

/// Reading providers' answers: numbers or base64, in index order, and clear errors for anything else.
@Suite struct EmbeddingsResponseTests {
    @Test func readsNumbersAndBase64InIndexOrder() throws {
        // 1.0 and -2.5 as little-endian float32: 0000803f, 000020c0.
        let body = #"{"data":[{"index":1,"embedding":"AACAPwAAIMA="},{"index":0,"embedding":[0.5,0.25]}]}"#
        let vectors = try EmbeddingsResponse.vectors(Array(body.utf8), count: 2, provider: "openai")
        #expect(vectors == [[0.5, 0.25], [1.0, -2.5]])
    }

    @Test(arguments: [
        (#"{"data":[{"index":0,"embedding":[1]}]}"#, 2, "1 embeddings for 2 inputs"),
        (#"{"object":"list"}"#, 1, "not an embeddings list"),
        (#"{"data":[{"index":0,"embedding":[1,2]},{"index":1,"embedding":[1]}]}"#, 2, "different widths"),
        (#"{"data":[{"index":0,"embedding":"***"}]}"#, 1, "not base64"),
    ])
    func refusesWhatIsNotOneVectorPerInput(body: String, count: Int, words: String) {
        do {
            _ = try EmbeddingsResponse.vectors(Array(body.utf8), count: count, provider: "openai")
            Issue.record("accepted \(body)")
        } catch {
            #expect(error.code == "invalid_response")
            #expect(error.message.contains(words), "\(error.message)")
        }
    }

    @Test func errorMessageOfOpenAIAndAzureShapes() {
        #expect(EmbeddingsResponse.errorMessage(Array(#"{"error":{"message":"bad key","type":"invalid_request_error"}}"#.utf8)) == "bad key")
        #expect(EmbeddingsResponse.errorMessage(Array(#"{"error":{"code":"404","message":"Resource not found"}}"#.utf8)) == "Resource not found")
        #expect(EmbeddingsResponse.errorMessage(Array("<html>".utf8)) == nil)
    }
}
