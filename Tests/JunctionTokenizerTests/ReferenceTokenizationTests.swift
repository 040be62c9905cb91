import Foundation
import JunctionTokenizer
import Testing

/// The 60 reference sentences of all-MiniLM-L6-v2, tokenized by Hugging Face `tokenizers`.
@Suite("Reference tokenization (shared/fixtures/minilm/reference.json)")
struct ReferenceTokenizationTests {
    @Test("tokenizer.json reproduces every reference encoding")
    func tokenizerJSONMatchesReference() throws {
        let reference = try TestResources.decode(
            ReferenceFile.self, from: try TestResources.sharedFixture("minilm/reference.json"))
        #expect(reference.entries.count == 60)
        let tokenizer = try WordPieceTokenizer.load(
            directory: try TestResources.modelDirectory(), maxLength: reference.maxSeqLength)
        for entry in reference.entries {
            let encoded = tokenizer.encode(entry.text)
            #expect(encoded.ids == entry.inputIDs, "ids of \(String(reflecting: entry.text))")
            #expect(encoded.tokens == entry.tokens, "tokens of \(String(reflecting: entry.text))")
            #expect(encoded.count == entry.numTokens)
        }
    }

    @Test("vocab.txt alone reproduces every reference encoding")
    func vocabularyFileMatchesReference() throws {
        let reference = try TestResources.decode(
            ReferenceFile.self, from: try TestResources.sharedFixture("minilm/reference.json"))
        let directory = try TestResources.temporaryModelDirectory(copying: ["vocab.txt", "tokenizer_config.json"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let tokenizer = try WordPieceTokenizer.load(directory: directory, maxLength: reference.maxSeqLength)
        for entry in reference.entries {
            #expect(tokenizer.encode(entry.text).ids == entry.inputIDs, "ids of \(String(reflecting: entry.text))")
        }
    }
}
