import Foundation

/// Reads a Hugging Face `tokenizer.json` that describes a BERT WordPiece pipeline.
///
/// Accepted: `model.type` WordPiece, a `BertNormalizer` (or no normalizer), a
/// `BertPreTokenizer`, and a `TemplateProcessing` `[CLS] $A [SEP]`, `BertProcessing`
/// or `RobertaProcessing` post-processor (MPNet's `<s> $A </s>`: for one text it
/// only differs from BERT's in the token names). The `truncation` and `padding` sections
/// are ignored: the caller decides the maximum length.
struct TokenizerJSONReader {
    /// Location of the file, used in error messages.
    let url: URL

    /// Parses the file into a vocabulary and configuration.
    func read() throws(TokenizerError) -> TokenizerDefinition {
        let root = try TokenizerFiles.json(at: url, makeError: TokenizerError.invalidTokenizerJSON)
        guard root.objectMembers != nil else {
            throw invalid("the document is not a JSON object")
        }
        guard let model = root["model"], model.objectMembers != nil else {
            throw invalid("missing the model object")
        }
        if let type = model["type"]?.stringValue, type != "WordPiece" {
            throw unsupported("model.type is \(type); only WordPiece is supported")
        }
        var entries = try vocabularyEntries(model)
        let addedTokens = try readAddedTokens(root["added_tokens"], model: Vocabulary(entries: entries), into: &entries)
        var configuration = try normalizerConfiguration(root["normalizer"])
        try checkPreTokenizer(root["pre_tokenizer"])
        let (classifier, separator) = try specialTokens(root["post_processor"])
        configuration.unknownToken = try optionalString(model["unk_token"], "model.unk_token") ?? "[UNK]"
        configuration.continuingSubwordPrefix =
            try optionalString(model["continuing_subword_prefix"], "model.continuing_subword_prefix") ?? "##"
        if let limit = model["max_input_chars_per_word"], !limit.isNull {
            guard let value = limit.intValue, value >= 0 else {
                throw invalid("model.max_input_chars_per_word must be a non-negative integer")
            }
            configuration.maxInputCharsPerWord = value
        }
        configuration.classifierToken = classifier.token
        configuration.separatorToken = separator.token
        configuration.addedTokens = addedTokens
        var vocabulary = Vocabulary(entries: entries)
        for special in [classifier, separator] where vocabulary.id(for: special.token) != special.id {
            guard vocabulary.id(for: special.token) == nil else {
                throw unsupported(
                    "post_processor gives \(special.token) id \(special.id) but the vocabulary gives "
                        + "\(vocabulary.id(for: special.token) ?? -1)")
            }
            entries.append((special.token, special.id))
            vocabulary = Vocabulary(entries: entries)
        }
        return TokenizerDefinition(vocabulary: vocabulary, configuration: configuration)
    }

    private func vocabularyEntries(_ model: JSONValue) throws(TokenizerError) -> [(token: String, id: Int32)] {
        guard let members = model["vocab"]?.objectMembers else {
            throw invalid("model.vocab must be an object mapping tokens to ids")
        }
        var entries: [(token: String, id: Int32)] = []
        entries.reserveCapacity(members.count)
        for (token, value) in members {
            guard let id = value.intValue, id >= 0, id <= Int(Int32.max) else {
                throw invalid("model.vocab[\(debugQuoted(token))] is \(value.kindName), not a token id")
            }
            entries.append((token, Int32(id)))
        }
        guard !entries.isEmpty else {
            throw invalid("model.vocab is empty")
        }
        return entries
    }

    /// Reads `added_tokens`, giving each the id `tokenizers` gives it.
    ///
    /// Like `AddedVocabulary::add_tokens`, a token already in `model.vocab` keeps
    /// its model id, and a new one gets `model.vocab` size plus the number of new
    /// tokens before it, whatever id the file records (`tokenizers` only warns).
    private func readAddedTokens(
        _ value: JSONValue?, model: Vocabulary, into entries: inout [(token: String, id: Int32)]
    ) throws(TokenizerError) -> [AddedToken] {
        guard let value, !value.isNull else {
            return []
        }
        guard let elements = value.arrayElements else {
            throw invalid("added_tokens must be an array")
        }
        var tokens: [AddedToken] = []
        var assigned: [[UInt8]: Int32] = [:]
        var newTokenCount = 0
        for (index, element) in elements.enumerated() {
            guard let token = TokenizerFiles.addedToken(element),
                let fileID = element["id"]?.intValue, fileID >= 0, fileID <= Int(Int32.max)
            else {
                throw invalid("added_tokens[\(index)] needs a non-empty content and an id")
            }
            let key = Array(token.content.utf8)
            if let id = assigned[key] ?? model.id(for: token.content) {
                assigned[key] = id
            } else {
                let id = Int32(truncatingIfNeeded: model.tokenCount + newTokenCount)
                newTokenCount += 1
                assigned[key] = id
                entries.append((token.content, id))
            }
            tokens.append(token)
        }
        return tokens
    }

    private func normalizerConfiguration(_ value: JSONValue?) throws(TokenizerError) -> TokenizerConfiguration {
        guard let value, !value.isNull else {
            return TokenizerConfiguration(
                lowercase: false, stripAccents: false, tokenizeChineseChars: false, cleanText: false)
        }
        let type = value["type"]?.stringValue ?? "(none)"
        guard type == "BertNormalizer" else {
            throw unsupported("normalizer.type is \(type); only BertNormalizer is supported")
        }
        let stripAccents = value["strip_accents"]
        guard stripAccents == nil || stripAccents?.isNull == true || stripAccents?.boolValue != nil else {
            throw invalid("normalizer.strip_accents must be a boolean or null")
        }
        return TokenizerConfiguration(
            lowercase: try flag(value["lowercase"], "normalizer.lowercase"),
            stripAccents: stripAccents?.boolValue,
            tokenizeChineseChars: try flag(value["handle_chinese_chars"], "normalizer.handle_chinese_chars"),
            cleanText: try flag(value["clean_text"], "normalizer.clean_text"))
    }

    private func checkPreTokenizer(_ value: JSONValue?) throws(TokenizerError) {
        let type = value?["type"]?.stringValue ?? "(none)"
        guard type == "BertPreTokenizer" else {
            throw unsupported("pre_tokenizer.type is \(type); only BertPreTokenizer is supported")
        }
    }

    private func specialTokens(
        _ value: JSONValue?
    ) throws(TokenizerError) -> (classifier: (token: String, id: Int32), separator: (token: String, id: Int32)) {
        switch value?["type"]?.stringValue {
        case "BertProcessing", "RobertaProcessing":
            return (try processingPair(value?["cls"], "cls"), try processingPair(value?["sep"], "sep"))
        case "TemplateProcessing":
            guard let single = value?["single"]?.arrayElements, single.count == 3,
                let first = single[0]["SpecialToken"]?["id"]?.stringValue,
                single[1]["Sequence"]?["id"]?.stringValue == "A",
                let last = single[2]["SpecialToken"]?["id"]?.stringValue
            else {
                throw unsupported("post_processor.single must be [special token, $A, special token]")
            }
            return (try templateToken(value, first), try templateToken(value, last))
        default:
            let type = value?["type"]?.stringValue ?? "(none)"
            throw unsupported("post_processor.type is \(type); expected TemplateProcessing, BertProcessing or RobertaProcessing")
        }
    }

    private func processingPair(_ value: JSONValue?, _ name: String) throws(TokenizerError) -> (String, Int32) {
        guard let pair = value?.arrayElements, pair.count == 2, let token = pair[0].stringValue,
            let id = pair[1].intValue, id >= 0, id <= Int(Int32.max)
        else {
            throw invalid("post_processor.\(name) must be [token, id]")
        }
        return (token, Int32(id))
    }

    private func templateToken(_ processor: JSONValue?, _ name: String) throws(TokenizerError) -> (String, Int32) {
        let entry = processor?["special_tokens"]?[name]
        guard let ids = entry?["ids"]?.arrayElements, let tokens = entry?["tokens"]?.arrayElements else {
            throw missingSpecial("post_processor.special_tokens has no entry for \(name)")
        }
        guard ids.count == 1, tokens.count == 1, let id = ids[0].intValue, id >= 0, id <= Int(Int32.max),
            let token = tokens[0].stringValue
        else {
            throw unsupported("post_processor.special_tokens[\(debugQuoted(name))] must be exactly one token")
        }
        return (token, Int32(id))
    }

    private func flag(_ value: JSONValue?, _ path: String) throws(TokenizerError) -> Bool {
        guard let value, !value.isNull else {
            return true
        }
        guard let flag = value.boolValue else {
            throw invalid("\(path) must be a boolean")
        }
        return flag
    }

    private func optionalString(_ value: JSONValue?, _ path: String) throws(TokenizerError) -> String? {
        guard let value, !value.isNull else {
            return nil
        }
        guard let string = value.stringValue else {
            throw invalid("\(path) must be a string")
        }
        return string
    }

    private func debugQuoted(_ text: String) -> String {
        String(reflecting: text)
    }

    private func invalid(_ detail: String) -> TokenizerError {
        .invalidTokenizerJSON("\(url.path): \(detail)")
    }

    private func unsupported(_ detail: String) -> TokenizerError {
        .unsupportedTokenizer("\(url.path): \(detail)")
    }

    private func missingSpecial(_ detail: String) -> TokenizerError {
        .missingSpecialToken("\(url.path): \(detail)")
    }
}
