import Foundation

/// One text and the encoding Hugging Face `tokenizers` produced for it.
struct TokenizerCase: Decodable, Sendable {
    /// Input text.
    var text: String
    /// Expected ids, `[CLS]` and `[SEP]` included.
    var ids: [Int32]
    /// Expected token strings.
    var tokens: [String]
    /// Truncation length used for this case, when not the file's default.
    var maxLength: Int?

    enum CodingKeys: String, CodingKey {
        case text, ids, tokens
        case maxLength = "max_length"
    }
}

/// A fixture file written by `scripts/fixtures/make_tokenizer_cases.py`.
struct TokenizerCaseFile: Decodable, Sendable {
    /// The BertNormalizer flags the cases were produced with.
    struct Flags: Decodable, Sendable {
        var lowercase: Bool
        var stripAccents: Bool?
        var cleanText: Bool
        var handleChineseChars: Bool

        enum CodingKeys: String, CodingKey {
            case lowercase
            case stripAccents = "strip_accents"
            case cleanText = "clean_text"
            case handleChineseChars = "handle_chinese_chars"
        }
    }

    var configuration: Flags
    var defaultMaxLength: Int
    var cases: [TokenizerCase]

    enum CodingKeys: String, CodingKey {
        case configuration, cases
        case defaultMaxLength = "default_max_length"
    }

    /// Loads a fixture file of this test target by name.
    static func named(_ name: String) throws -> TokenizerCaseFile {
        try TestResources.decode(Self.self, from: TestResources.fixturesDirectory.appendingPathComponent(name))
    }
}

/// One entry of `shared/fixtures/minilm/reference.json`.
struct ReferenceEntry: Decodable, Sendable {
    var text: String
    var inputIDs: [Int32]
    var tokens: [String]
    var numTokens: Int

    enum CodingKeys: String, CodingKey {
        case text, tokens
        case inputIDs = "input_ids"
        case numTokens = "num_tokens"
    }
}

/// The part of `reference.json` the tokenizer tests read.
struct ReferenceFile: Decodable, Sendable {
    var maxSeqLength: Int
    var entries: [ReferenceEntry]

    enum CodingKeys: String, CodingKey {
        case entries
        case maxSeqLength = "max_seq_length"
    }
}
