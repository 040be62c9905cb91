/// A BERT WordPiece tokenizer identical to Hugging Face's `BertTokenizer`
/// (the `tokenizers` pipeline `BertNormalizer` → `BertPreTokenizer` →
/// `WordPiece` → `[CLS] $A [SEP]`).
///
/// ```swift
/// let tokenizer = try WordPieceTokenizer.load(directory: modelDirectory, maxLength: 256)
/// let encoded = tokenizer.encode("Hello, world!")
/// // encoded.tokens == ["[CLS]", "hello", ",", "world", "!", "[SEP]"]
/// ```
///
/// Tokenizing allocates only the output arrays and one scratch buffer; the
/// text is processed as UTF-8 bytes and looked up in a byte trie.
public struct WordPieceTokenizer: Sendable {
    /// The settings the tokenizer was built with.
    public let configuration: TokenizerConfiguration
    /// The token-to-id map.
    public let vocabulary: Vocabulary

    private let normalizer: BERTNormalizer
    private let model: WordPieceModel
    private let rawTokens: AddedTokenMatcher
    private let normalizedTokens: AddedTokenMatcher
    let classifierID: Int32
    let separatorID: Int32

    /// Creates a tokenizer from a vocabulary and settings.
    ///
    /// The unknown, classifier and separator tokens should be in the
    /// vocabulary (``load(directory:maxLength:)`` checks this and throws
    /// `missing_special_token`); any that is missing is encoded as id 0.
    /// Added tokens absent from the vocabulary are never matched.
    public init(vocabulary: Vocabulary, configuration: TokenizerConfiguration) {
        self.configuration = configuration
        self.vocabulary = vocabulary
        let normalizer = BERTNormalizer(configuration: configuration)
        self.normalizer = normalizer
        self.model = WordPieceModel(
            vocabulary: vocabulary,
            continuingSubwordPrefix: configuration.continuingSubwordPrefix,
            unknownID: vocabulary.id(for: configuration.unknownToken) ?? 0,
            maxInputCharsPerWord: configuration.maxInputCharsPerWord)
        self.classifierID = vocabulary.id(for: configuration.classifierToken) ?? 0
        self.separatorID = vocabulary.id(for: configuration.separatorToken) ?? 0
        var raw: [AddedTokenMatcher.Pattern] = []
        var normalized: [AddedTokenMatcher.Pattern] = []
        for token in configuration.addedTokens {
            guard let id = vocabulary.id(for: token.content) else {
                continue
            }
            if token.normalized {
                let bytes = normalizer.normalized(Array(token.content.utf8))
                normalized.append(.init(bytes: bytes, id: id, singleWord: token.singleWord))
            } else {
                raw.append(.init(bytes: Array(token.content.utf8), id: id, singleWord: token.singleWord))
            }
        }
        self.rawTokens = AddedTokenMatcher(patterns: raw)
        self.normalizedTokens = AddedTokenMatcher(patterns: normalized)
        // Pay the one-time table construction (a few milliseconds) here, not on a request.
        BERTCharacterClass.prepare()
        if normalizer.stripAccents {
            CanonicalDecomposition.prepare()
        }
    }

    /// Encodes a text as `[CLS]`, its word pieces and `[SEP]`.
    ///
    /// When there are more than `maxLength - 2` word pieces, pieces are dropped
    /// from the end (`[SEP]` is kept), so the result has at most
    /// ``TokenizerConfiguration/maxLength`` ids (and never fewer than 2).
    public func encode(_ text: String) -> TokenizedText {
        let pieceLimit = max(0, configuration.maxLength - 2)
        var sink = TokenIDs(ids: [])
        sink.ids.reserveCapacity(min(pieceLimit, text.utf8.count) + 2)
        sink.ids.append(classifierID)
        appendPieces(of: text, limit: pieceLimit + 1, to: &sink)
        sink.truncate(to: pieceLimit + 1)
        sink.ids.append(separatorID)
        return TokenizedText(ids: sink.ids, tokens: tokens(for: sink.ids))
    }

    /// The word pieces of a text, without special tokens and without truncation.
    public func tokenize(_ text: String) -> [String] {
        var sink = TokenIDs(ids: [])
        appendPieces(of: text, limit: .max, to: &sink)
        return sink.ids.map { vocabulary.token(for: $0) ?? configuration.unknownToken }
    }

    /// The token strings of `ids`, which start with `[CLS]` and end with `[SEP]`.
    func tokens(for ids: [Int32]) -> [String] {
        var tokens = ids.map { vocabulary.token(for: $0) ?? configuration.unknownToken }
        tokens[0] = configuration.classifierToken
        tokens[tokens.count - 1] = configuration.separatorToken
        return tokens
    }

    /// Runs the pipeline, appending tokens until `tokens.count` reaches `limit` (it may overshoot
    /// by the pieces of one word).
    @inline(__always)
    func appendPieces<Sink: TokenSink>(of text: String, limit: Int, to tokens: inout Sink) {
        var text = text
        text.withUTF8 { raw in
            var scratch: [UInt8] = []
            scratch.reserveCapacity(min(raw.count, Self.chunkSize * 2) + 16)
            var segmentStart = 0
            while tokens.count < limit {
                let match = rawTokens.isEmpty ? nil : rawTokens.nextMatch(in: raw, from: segmentStart)
                let segmentEnd = match?.range.lowerBound ?? raw.count
                var chunkStart = segmentStart
                while chunkStart < segmentEnd && tokens.count < limit {
                    let chunkEnd = self.chunkEnd(in: raw, from: chunkStart, to: segmentEnd)
                    tokens.normalize(
                        UnsafeBufferPointer(rebasing: raw[chunkStart..<chunkEnd]), at: chunkStart, with: normalizer,
                        into: &scratch)
                    scratch.withUnsafeBufferPointer { appendNormalizedPieces(of: $0, limit: limit, to: &tokens) }
                    chunkStart = chunkEnd
                }
                guard let match else {
                    break
                }
                if tokens.count < limit {
                    tokens.append(match.id, raw: match.range)
                }
                segmentStart = match.range.upperBound
            }
        }
    }

    /// Raw bytes normalised at a time, so a long text stops being read once `maxLength` is reached.
    private static var chunkSize: Int { 2048 }

    /// Where the chunk starting at `start` ends: at an ASCII whitespace byte about
    /// ``chunkSize`` bytes on, or at `end`.
    ///
    /// Every BERT step is local to a word, and ASCII whitespace ends words (and runs
    /// of combining marks) under any configuration, so normalising chunks split
    /// there equals normalising the whole segment. Normalised added tokens could
    /// span a space, so with any of those the segment is not split.
    private func chunkEnd(in text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard normalizedTokens.isEmpty, end - start > Self.chunkSize else {
            return end
        }
        var index = start + Self.chunkSize
        while index < end {
            switch text[index] {
            case 0x20, 0x09, 0x0A, 0x0D: return index
            default: index += 1
            }
        }
        return end
    }

    /// Splits normalised text on normalised added tokens, then into words and pieces.
    @inline(__always)
    private func appendNormalizedPieces<Sink: TokenSink>(
        of text: UnsafeBufferPointer<UInt8>, limit: Int, to tokens: inout Sink
    ) {
        var segmentStart = 0
        while tokens.count < limit {
            let match = normalizedTokens.isEmpty ? nil : normalizedTokens.nextMatch(in: text, from: segmentStart)
            let segmentEnd = match?.range.lowerBound ?? text.count
            var words = BERTPreTokenizer(text: text, range: segmentStart..<segmentEnd)
            while tokens.count < limit, let word = words.nextWord() {
                model.appendPieces(of: word, in: text, to: &tokens)
            }
            guard let match else {
                return
            }
            if tokens.count < limit {
                tokens.append(match.id, normalized: match.range)
            }
            segmentStart = match.range.upperBound
        }
    }
}
