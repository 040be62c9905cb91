import Foundation
import JunctionTokenizer
import Testing

/// One text with the ids and offsets Hugging Face `tokenizers` gave it (scripts/fixtures/make_token_offsets.py).
private struct OffsetCase: Decodable {
    var text: String
    var maxLength: Int?
    var ids: [Int32]
    var offsets: [[Int]]

    enum CodingKeys: String, CodingKey {
        case text, ids, offsets
        case maxLength = "max_length"
    }
}

private struct OffsetCaseFile: Decodable {
    var cases: [OffsetCase]
}

@Suite("Token offsets in the original text (Fixtures/token_offsets.json)")
struct TokenOffsetsTests {
    private static func load() throws -> (WordPieceTokenizer, [OffsetCase]) {
        let file = try TestResources.decode(
            OffsetCaseFile.self, from: TestResources.fixturesDirectory.appendingPathComponent("token_offsets.json"))
        let tokenizer = try WordPieceTokenizer.load(directory: try TestResources.modelDirectory(), maxLength: 256)
        return (tokenizer, file.cases)
    }

    @Test("offsets equal tokenizers' offset mapping, in Unicode scalars, through accents, CJK, emoji and controls")
    func offsetsMatchHuggingFace() throws {
        let (tokenizer, cases) = try Self.load()
        #expect(cases.count >= 20)
        for testCase in cases {
            let encoded = tokenizer.encodeWithOffsets(testCase.text, maxLength: testCase.maxLength ?? .max)
            #expect(encoded.ids == testCase.ids, "ids of \(String(reflecting: testCase.text.prefix(80)))")
            let offsets = encoded.offsets?.map { [$0.lowerBound, $0.upperBound] }
            #expect(offsets == testCase.offsets, "offsets of \(String(reflecting: testCase.text.prefix(80)))")
        }
    }

    @Test("the ids and tokens with offsets equal encode's, which carries none")
    func idsEqualPlainEncoding() throws {
        let (tokenizer, cases) = try Self.load()
        for testCase in cases where testCase.maxLength == 256 {
            let plain = tokenizer.encode(testCase.text)
            let withOffsets = tokenizer.encodeWithOffsets(testCase.text)
            #expect(plain.offsets == nil)
            #expect(withOffsets.ids == plain.ids)
            #expect(withOffsets.tokens == plain.tokens)
            #expect(withOffsets.offsets?.count == plain.count)
        }
    }

    @Test("a span sliced by scalars gives back the word a token came from")
    func spansSliceTheOriginal() throws {
        let (tokenizer, _) = try Self.load()
        let text = "Zoë Dvořák lives at 北京 😀 Straße"
        let encoded = tokenizer.encodeWithOffsets(text)
        let scalars = Array(text.unicodeScalars)
        let words = zip(encoded.tokens, encoded.offsets ?? []).dropFirst().dropLast().map { _, span in
            String(String.UnicodeScalarView(scalars[span]))
        }
        // Each piece's span is a slice of the original (accents and case kept); the pieces of a word
        // join back into the word.
        #expect(words.contains("北") && words.contains("京"))
        #expect(words.contains("😀"))
        let tokens = encoded.tokens.dropFirst().dropLast()
        var rebuilt: [String] = []
        for (token, word) in zip(tokens, words) {
            if token.hasPrefix("##"), let last = rebuilt.popLast() { rebuilt.append(last + word) } else { rebuilt.append(word) }
        }
        #expect(rebuilt == ["Zoë", "Dvořák", "lives", "at", "北", "京", "😀", "Straße"])
    }
}
