import Foundation

/// Reads a BERT tokenizer from `vocab.txt` plus the optional `tokenizer_config.json`
/// and `special_tokens_map.json`, as `transformers`' `BertTokenizer` does.
///
/// Defaults follow `BertTokenizer`: `do_lower_case` true, `strip_accents` null
/// (follow lowercasing), `tokenize_chinese_chars` true, clean text always on,
/// special tokens `[UNK]`, `[SEP]`, `[PAD]`, `[CLS]`, `[MASK]`.
struct VocabularyFileReader {
    /// The model directory.
    let directory: URL

    /// Parses the files into a vocabulary and configuration.
    func read() throws(TokenizerError) -> TokenizerDefinition {
        let vocabularyURL = directory.appendingPathComponent("vocab.txt")
        let tokens = Self.lines(of: try TokenizerFiles.bytes(of: vocabularyURL))
        guard !tokens.isEmpty else {
            throw .invalidVocabulary("\(vocabularyURL.path) holds no tokens")
        }
        let settings = try readSettings()
        func token(_ key: String, default fallback: String) -> String {
            TokenizerFiles.tokenContent(settings.config?[key])
                ?? TokenizerFiles.tokenContent(settings.specialTokens?[key]) ?? fallback
        }
        let unknown = token("unk_token", default: "[UNK]")
        let classifier = token("cls_token", default: "[CLS]")
        let separator = token("sep_token", default: "[SEP]")
        var addedTokens: [AddedToken] = []
        var seen = Set<String>()
        let padding = token("pad_token", default: "[PAD]")
        let mask = token("mask_token", default: "[MASK]")
        for content in [padding, unknown, classifier, separator, mask] where !content.isEmpty && seen.insert(content).inserted {
            addedTokens.append(AddedToken(content))
        }
        for (_, value) in settings.config?["added_tokens_decoder"]?.objectMembers ?? [] {
            if let added = TokenizerFiles.addedToken(value), seen.insert(added.content).inserted {
                addedTokens.append(added)
            }
        }
        let lowercase = try flag("do_lower_case", in: settings.config, default: true)
        let configuration = TokenizerConfiguration(
            lowercase: lowercase,
            stripAccents: try optionalFlag("strip_accents", in: settings.config),
            tokenizeChineseChars: try flag("tokenize_chinese_chars", in: settings.config, default: true),
            cleanText: true,
            unknownToken: unknown,
            classifierToken: classifier,
            separatorToken: separator,
            addedTokens: addedTokens)
        return TokenizerDefinition(vocabulary: Vocabulary(tokens: tokens), configuration: configuration)
    }

    /// Splits `vocab.txt` into lines (`\n` or `\r\n`); a final newline does not add a token.
    static func lines(of bytes: [UInt8]) -> [String] {
        var lines: [String] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            let end = index > start && bytes[index - 1] == 0x0D ? index - 1 : index
            lines.append(String(decoding: bytes[start..<end], as: UTF8.self))
            start = index + 1
        }
        if start < bytes.count {
            lines.append(String(decoding: bytes[start...], as: UTF8.self))
        }
        return lines
    }

    private func readSettings() throws(TokenizerError) -> (config: JSONValue?, specialTokens: JSONValue?) {
        var documents: [JSONValue?] = []
        for name in ["tokenizer_config.json", "special_tokens_map.json"] {
            let url = directory.appendingPathComponent(name)
            guard TokenizerFiles.exists(url) else {
                documents.append(nil)
                continue
            }
            let document = try TokenizerFiles.json(at: url, makeError: TokenizerError.invalidTokenizerConfig)
            guard document.objectMembers != nil else {
                throw .invalidTokenizerConfig("\(url.path): the document is not a JSON object")
            }
            documents.append(document)
        }
        if documents[0]?["do_basic_tokenize"]?.boolValue == false {
            let path = directory.appendingPathComponent("tokenizer_config.json").path
            throw .unsupportedTokenizer("\(path): do_basic_tokenize false is not supported")
        }
        return (documents[0], documents[1])
    }

    private func flag(_ key: String, in config: JSONValue?, default fallback: Bool) throws(TokenizerError) -> Bool {
        try optionalFlag(key, in: config) ?? fallback
    }

    private func optionalFlag(_ key: String, in config: JSONValue?) throws(TokenizerError) -> Bool? {
        guard let value = config?[key], !value.isNull else {
            return nil
        }
        guard let flag = value.boolValue else {
            let path = directory.appendingPathComponent("tokenizer_config.json").path
            throw .invalidTokenizerConfig("\(path): \(key) must be a boolean or null")
        }
        return flag
    }
}
