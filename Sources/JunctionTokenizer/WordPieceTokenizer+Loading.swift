import Foundation

extension WordPieceTokenizer {
    /// Loads the tokenizer of a Hugging Face model directory.
    ///
    /// Reads `tokenizer.json` when present (vocabulary from `model.vocab`,
    /// normalizer flags from its `BertNormalizer`, `[CLS]`/`[SEP]` from the
    /// post-processor, added tokens from `added_tokens`); otherwise `vocab.txt`
    /// with the optional `tokenizer_config.json` and `special_tokens_map.json`.
    /// The truncation and padding sections of `tokenizer.json` are ignored.
    ///
    /// - Parameters:
    ///   - directory: The model directory.
    ///   - maxLength: Maximum number of ids per encoded text, `[CLS]` and `[SEP]`
    ///     included (sentence-transformers' `max_seq_length`); at least 2.
    /// - Throws: ``TokenizerError`` with code `missing_file`, `unreadable_file`,
    ///   `invalid_tokenizer_json`, `invalid_tokenizer_config`, `invalid_vocabulary`,
    ///   `unsupported_tokenizer`, `missing_special_token` or `invalid_configuration`.
    public static func load(directory: URL, maxLength: Int) throws(TokenizerError) -> WordPieceTokenizer {
        guard maxLength >= 2 else {
            throw .invalidConfiguration("maxLength must be at least 2 to hold [CLS] and [SEP]; got \(maxLength)")
        }
        let tokenizerJSON = directory.appendingPathComponent("tokenizer.json")
        let vocabularyText = directory.appendingPathComponent("vocab.txt")
        let source: URL
        var definition: TokenizerDefinition
        if TokenizerFiles.exists(tokenizerJSON) {
            source = tokenizerJSON
            definition = try TokenizerJSONReader(url: tokenizerJSON).read()
        } else if TokenizerFiles.exists(vocabularyText) {
            source = vocabularyText
            definition = try VocabularyFileReader(directory: directory).read()
        } else {
            throw .missingFile(
                "found neither \(tokenizerJSON.path) nor \(vocabularyText.path); "
                    + "a tokenizer needs tokenizer.json or vocab.txt")
        }
        definition.configuration.maxLength = maxLength
        let configuration = definition.configuration
        for (role, token) in [
            ("unknown", configuration.unknownToken), ("classifier", configuration.classifierToken),
            ("separator", configuration.separatorToken),
        ] where !definition.vocabulary.contains(token) {
            throw .missingSpecialToken(
                "the \(role) token \(String(reflecting: token)) is not in the vocabulary of \(source.path)")
        }
        return WordPieceTokenizer(vocabulary: definition.vocabulary, configuration: configuration)
    }
}
