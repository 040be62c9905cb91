/// Settings of a BERT WordPiece tokenizer, mirroring Hugging Face's `BertTokenizer`.
///
/// The defaults are those of an uncased BERT model (`bert-base-uncased`,
/// `all-MiniLM-L6-v2`): lowercase, strip accents, clean text, split Chinese
/// characters, `[UNK]`/`[CLS]`/`[SEP]`, `##` continuation prefix.
public struct TokenizerConfiguration: Sendable, Equatable {
    /// Lowercase the text (Unicode full lowercase mapping, one scalar at a time). Default `true`.
    public var lowercase: Bool
    /// Strip accents (NFD, then drop nonspacing marks); `nil` follows ``lowercase``,
    /// as in Hugging Face. Default `nil`.
    public var stripAccents: Bool?
    /// Put spaces around CJK ideographs so each becomes its own word. Default `true`.
    public var tokenizeChineseChars: Bool
    /// Remove control characters and turn every kind of whitespace into a space. Default `true`.
    public var cleanText: Bool
    /// Maximum number of ids ``WordPieceTokenizer/encode(_:)`` returns, `[CLS]` and
    /// `[SEP]` included. Default 512 (BERT's position embeddings).
    public var maxLength: Int
    /// Token for words that cannot be split into vocabulary pieces. Default `[UNK]`.
    public var unknownToken: String
    /// Token that starts every encoded text. Default `[CLS]`.
    public var classifierToken: String
    /// Token that ends every encoded text. Default `[SEP]`.
    public var separatorToken: String
    /// Words longer than this many Unicode scalars become ``unknownToken``. Default 100.
    public var maxInputCharsPerWord: Int
    /// Prefix of word pieces that continue a word. Default `##`.
    public var continuingSubwordPrefix: String
    /// Tokens matched verbatim in the text before normalisation. Defaults to the
    /// unknown, classifier and separator tokens plus `[PAD]` and `[MASK]`.
    public var addedTokens: [AddedToken]

    /// Creates a configuration; every parameter has the default documented on its property.
    public init(
        lowercase: Bool = true,
        stripAccents: Bool? = nil,
        tokenizeChineseChars: Bool = true,
        cleanText: Bool = true,
        maxLength: Int = 512,
        unknownToken: String = "[UNK]",
        classifierToken: String = "[CLS]",
        separatorToken: String = "[SEP]",
        maxInputCharsPerWord: Int = 100,
        continuingSubwordPrefix: String = "##",
        addedTokens: [AddedToken]? = nil
    ) {
        self.lowercase = lowercase
        self.stripAccents = stripAccents
        self.tokenizeChineseChars = tokenizeChineseChars
        self.cleanText = cleanText
        self.maxLength = maxLength
        self.unknownToken = unknownToken
        self.classifierToken = classifierToken
        self.separatorToken = separatorToken
        self.maxInputCharsPerWord = maxInputCharsPerWord
        self.continuingSubwordPrefix = continuingSubwordPrefix
        self.addedTokens = addedTokens ?? Self.defaultAddedTokens(
            unknownToken: unknownToken, classifierToken: classifierToken, separatorToken: separatorToken)
    }

    /// Whether accents are stripped once ``stripAccents`` `nil` is resolved against ``lowercase``.
    public var stripsAccents: Bool {
        stripAccents ?? lowercase
    }

    /// The special tokens BERT tokenizers match verbatim: `[PAD]`, unknown, classifier,
    /// separator and `[MASK]`, without duplicates.
    public static func defaultAddedTokens(
        unknownToken: String = "[UNK]", classifierToken: String = "[CLS]", separatorToken: String = "[SEP]"
    ) -> [AddedToken] {
        var seen = Set<String>()
        return ["[PAD]", unknownToken, classifierToken, separatorToken, "[MASK]"]
            .filter { !$0.isEmpty && seen.insert($0).inserted }
            .map { AddedToken($0) }
    }
}
