import Foundation
import JunctionTokenizer
import Testing

/// About 180 tricky strings per configuration, encoded by Hugging Face `tokenizers`
/// (see `scripts/fixtures/make_tokenizer_cases.py`).
@Suite("Tricky strings against tokenizers fixtures")
struct TokenizerCasesTests {
    @Test("all-MiniLM-L6-v2 tokenizer.json (uncased, strip accents)")
    func defaultConfiguration() throws {
        let file = try TokenizerCaseFile.named("tokenizer_cases.json")
        let loaded = try WordPieceTokenizer.load(
            directory: try TestResources.modelDirectory(), maxLength: file.defaultMaxLength)
        try check(file, vocabulary: loaded.vocabulary)
        #expect(loaded.configuration == configuration(for: file.configuration, maxLength: file.defaultMaxLength))
    }

    @Test(
        "BertWordPieceTokenizer configurations on vocab.txt",
        arguments: [
            "tokenizer_cases_cased.json",
            "tokenizer_cases_lowercase_keep_accents.json",
            "tokenizer_cases_raw.json",
        ])
    func variantConfiguration(fixture: String) throws {
        let file = try TokenizerCaseFile.named(fixture)
        try check(file, vocabulary: Vocabulary(tokens: try TestResources.vocabularyLines()))
    }

    @Test("vocab.txt alone gives the same results as tokenizer.json")
    func vocabularyFileConfiguration() throws {
        let file = try TokenizerCaseFile.named("tokenizer_cases.json")
        let directory = try TestResources.temporaryModelDirectory(copying: ["vocab.txt"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let loaded = try WordPieceTokenizer.load(directory: directory, maxLength: file.defaultMaxLength)
        try check(file, vocabulary: loaded.vocabulary)
    }

    @Test("the fixtures cover the intended variety")
    func fixtureCoverage() throws {
        let file = try TokenizerCaseFile.named("tokenizer_cases.json")
        #expect(file.cases.count >= 150)
        #expect(file.cases.contains { $0.text.isEmpty })
        #expect(file.cases.contains { $0.ids.count == 256 })
        #expect(file.cases.contains { $0.text.unicodeScalars.count > 100 && !$0.text.contains(" ") })
    }

    private func configuration(for flags: TokenizerCaseFile.Flags, maxLength: Int) -> TokenizerConfiguration {
        TokenizerConfiguration(
            lowercase: flags.lowercase,
            stripAccents: flags.stripAccents,
            tokenizeChineseChars: flags.handleChineseChars,
            cleanText: flags.cleanText,
            maxLength: maxLength)
    }

    private func check(_ file: TokenizerCaseFile, vocabulary: Vocabulary) throws {
        let base = configuration(for: file.configuration, maxLength: file.defaultMaxLength)
        let tokenizer = WordPieceTokenizer(vocabulary: vocabulary, configuration: base)
        for testCase in file.cases {
            var caseTokenizer = tokenizer
            if let maxLength = testCase.maxLength {
                var configuration = base
                configuration.maxLength = maxLength
                caseTokenizer = WordPieceTokenizer(vocabulary: vocabulary, configuration: configuration)
            }
            let encoded = caseTokenizer.encode(testCase.text)
            let label = String(reflecting: testCase.text).prefix(80)
            #expect(encoded.ids == testCase.ids, "ids of \(label)")
            #expect(encoded.tokens == testCase.tokens, "tokens of \(label)")
            if testCase.maxLength == nil && testCase.ids.count < file.defaultMaxLength {
                #expect(tokenizer.tokenize(testCase.text) == Array(testCase.tokens.dropFirst().dropLast()))
            }
        }
    }
}
