import Foundation
import JunctionTokenizer
import Testing

/// Loading from model directories, and the errors for broken ones.
@Suite("Loading tokenizers from model directories")
struct LoadingTests {
    private let hello: [Int32] = [101, 7592, 1010, 2088, 999, 102]

    @Test("tokenizer.json alone gives the BertNormalizer flags and special tokens")
    func loadsTokenizerJSONAlone() throws {
        let directory = try TestResources.temporaryModelDirectory(copying: ["tokenizer.json"])
        defer { remove(directory) }
        let tokenizer = try WordPieceTokenizer.load(directory: directory, maxLength: 256)
        let configuration = tokenizer.configuration
        #expect(configuration.lowercase)
        #expect(configuration.stripAccents == nil)
        #expect(configuration.stripsAccents)
        #expect(configuration.tokenizeChineseChars && configuration.cleanText)
        #expect(configuration.maxLength == 256)
        #expect(configuration.unknownToken == "[UNK]")
        #expect(configuration.classifierToken == "[CLS]" && configuration.separatorToken == "[SEP]")
        #expect(configuration.maxInputCharsPerWord == 100 && configuration.continuingSubwordPrefix == "##")
        #expect(configuration.addedTokens.map(\.content) == ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"])
        #expect(tokenizer.vocabulary.count == 30522)
        #expect(tokenizer.encode("Hello, world!").ids == hello)
    }

    @Test("tokenizer.json's truncation section (128) is ignored in favour of maxLength")
    func ignoresTruncationSection() throws {
        let tokenizer = try WordPieceTokenizer.load(directory: try TestResources.modelDirectory(), maxLength: 256)
        let encoded = tokenizer.encode(String(repeating: "word ", count: 300))
        #expect(encoded.count == 256)
        #expect(encoded.ids.last == 102)
    }

    @Test("vocab.txt alone uses BertTokenizer defaults")
    func loadsVocabularyAlone() throws {
        let directory = try TestResources.temporaryModelDirectory(copying: ["vocab.txt"])
        defer { remove(directory) }
        let tokenizer = try WordPieceTokenizer.load(directory: directory, maxLength: 128)
        #expect(tokenizer.configuration == TokenizerConfiguration(maxLength: 128))
        #expect(tokenizer.vocabulary.count == 30522)
        #expect(tokenizer.encode("Hello, world!").ids == hello)
        #expect(tokenizer.encode("a [MASK] b").tokens == ["[CLS]", "a", "[MASK]", "b", "[SEP]"])
    }

    @Test("tokenizer_config.json flags are honoured without tokenizer.json")
    func readsTokenizerConfig() throws {
        let directory = try TestResources.temporaryModelDirectory(copying: ["vocab.txt"])
        defer { remove(directory) }
        try write(
            #"""
            {"do_lower_case": false, "strip_accents": true, "tokenize_chinese_chars": false,
             "unk_token": {"content": "[UNK]"}}
            """#,
            to: directory.appendingPathComponent("tokenizer_config.json"))
        let configuration = try WordPieceTokenizer.load(directory: directory, maxLength: 64).configuration
        #expect(!configuration.lowercase)
        #expect(configuration.stripAccents == true)
        #expect(!configuration.tokenizeChineseChars)
        #expect(configuration.unknownToken == "[UNK]")
    }

    @Test("a hand-written tokenizer.json with BertProcessing, sparse ids and an added token")
    func minimalTokenizerJSON() throws {
        let directory = try TestResources.temporaryModelDirectory(copying: [])
        defer { remove(directory) }
        try write(
            #"""
            {"version": "1.0", "truncation": null, "padding": null,
             "added_tokens": [{"id": 9, "content": "<x>", "single_word": false, "lstrip": false,
                               "rstrip": false, "normalized": false, "special": true}],
             "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": false,
                            "strip_accents": false, "lowercase": false},
             "pre_tokenizer": {"type": "BertPreTokenizer"},
             "post_processor": {"type": "BertProcessing", "sep": ["<sep>", 7], "cls": ["<cls>", 8]},
             "model": {"type": "WordPiece", "unk_token": "<unk>", "continuing_subword_prefix": "++",
                       "max_input_chars_per_word": 5,
                       "vocab": {"<unk>": 0, "Hi": 2, "++s": 3, "h": 4, "<sep>": 7, "<cls>": 8}}}
            """#,
            to: directory.appendingPathComponent("tokenizer.json"))
        let tokenizer = try WordPieceTokenizer.load(directory: directory, maxLength: 16)
        let configuration = tokenizer.configuration
        #expect(!configuration.lowercase && configuration.stripAccents == false)
        #expect(!configuration.tokenizeChineseChars)
        #expect(configuration.unknownToken == "<unk>" && configuration.continuingSubwordPrefix == "++")
        #expect(configuration.classifierToken == "<cls>" && configuration.separatorToken == "<sep>")
        #expect(configuration.maxInputCharsPerWord == 5)
        #expect(configuration.addedTokens == [AddedToken("<x>")])
        // Like tokenizers, a new added token gets id len(model.vocab) + n (6), not the file's 9.
        #expect(tokenizer.vocabulary.token(for: 6) == "<x>")
        let encoded = tokenizer.encode("His<x>hi Hisss")
        #expect(encoded.tokens == ["<cls>", "Hi", "++s", "<x>", "<unk>", "Hi", "++s", "++s", "++s", "<sep>"])
        #expect(encoded.ids == [8, 2, 3, 6, 0, 2, 3, 3, 3, 7])
        #expect(tokenizer.tokenize("Hissss") == ["<unk>"])  // 6 scalars > max_input_chars_per_word
    }

    @Test("a directory with neither file names both")
    func missingFiles() throws {
        let directory = try TestResources.temporaryModelDirectory(copying: ["tokenizer_config.json"])
        defer { remove(directory) }
        let error = try #require(throws: TokenizerError.self) {
            try WordPieceTokenizer.load(directory: directory, maxLength: 256)
        }
        #expect(error.code == "missing_file")
        #expect(error.message.contains(directory.appendingPathComponent("tokenizer.json").path))
        #expect(error.message.contains("vocab.txt"))
    }

    @Test("malformed JSON is reported with the file and byte offset")
    func malformedTokenizerJSON() throws {
        let directory = try TestResources.temporaryModelDirectory(copying: [])
        defer { remove(directory) }
        let url = directory.appendingPathComponent("tokenizer.json")
        try write(#"{"model": {"type": "WordPiece", "vocab": {"a": 0,}}}"#, to: url)
        let error = try #require(throws: TokenizerError.self) {
            try WordPieceTokenizer.load(directory: directory, maxLength: 256)
        }
        #expect(error.code == "invalid_tokenizer_json")
        #expect(error.message.contains(url.path))
        #expect(error.message.contains("byte"))
        #expect(error.description.hasPrefix("invalid_tokenizer_json: "))
    }

    @Test("a tokenizer.json without model.vocab is invalid")
    func missingVocabulary() throws {
        let error = try loadError(tokenizerJSON: #"{"model": {"type": "WordPiece"}}"#)
        #expect(error.code == "invalid_tokenizer_json")
        #expect(error.message.contains("model.vocab"))
    }

    @Test("a BPE tokenizer.json is unsupported")
    func unsupportedModel() throws {
        let error = try loadError(tokenizerJSON: #"{"model": {"type": "BPE", "vocab": {}, "merges": []}}"#)
        #expect(error.code == "unsupported_tokenizer")
        #expect(error.message.contains("BPE"))
    }

    @Test("a non-BERT pre-tokenizer is unsupported")
    func unsupportedPreTokenizer() throws {
        let error = try loadError(
            tokenizerJSON: #"""
                {"normalizer": null, "pre_tokenizer": {"type": "Whitespace"},
                 "model": {"type": "WordPiece", "vocab": {"[UNK]": 0}}}
                """#)
        #expect(error.code == "unsupported_tokenizer")
        #expect(error.message.contains("pre_tokenizer"))
    }

    @Test("a vocabulary without the unknown token is rejected")
    func missingSpecialToken() throws {
        let directory = try TestResources.temporaryModelDirectory(copying: [])
        defer { remove(directory) }
        try write("[CLS]\n[SEP]\nhello\n", to: directory.appendingPathComponent("vocab.txt"))
        let error = try #require(throws: TokenizerError.self) {
            try WordPieceTokenizer.load(directory: directory, maxLength: 256)
        }
        #expect(error.code == "missing_special_token")
        #expect(error.message.contains("[UNK]"))
    }

    @Test("a malformed tokenizer_config.json is reported")
    func malformedTokenizerConfig() throws {
        let directory = try TestResources.temporaryModelDirectory(copying: ["vocab.txt"])
        defer { remove(directory) }
        try write("{do_lower_case: true}", to: directory.appendingPathComponent("tokenizer_config.json"))
        let error = try #require(throws: TokenizerError.self) {
            try WordPieceTokenizer.load(directory: directory, maxLength: 256)
        }
        #expect(error.code == "invalid_tokenizer_config")
        #expect(error.message.contains("tokenizer_config.json"))
    }

    @Test("maxLength must leave room for [CLS] and [SEP]")
    func rejectsTinyMaxLength() throws {
        let error = try #require(throws: TokenizerError.self) {
            try WordPieceTokenizer.load(directory: try TestResources.modelDirectory(), maxLength: 1)
        }
        #expect(error.code == "invalid_configuration")
    }

    private func loadError(tokenizerJSON: String) throws -> TokenizerError {
        let directory = try TestResources.temporaryModelDirectory(copying: [])
        defer { remove(directory) }
        try write(tokenizerJSON, to: directory.appendingPathComponent("tokenizer.json"))
        return try #require(throws: TokenizerError.self) {
            try WordPieceTokenizer.load(directory: directory, maxLength: 256)
        }
    }

    private func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    private func remove(_ directory: URL) {
        try? FileManager.default.removeItem(at: directory)
    }
}
