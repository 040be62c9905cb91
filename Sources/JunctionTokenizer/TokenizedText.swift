/// The result of tokenizing one text for a BERT model: word pieces framed by
/// `[CLS]` and `[SEP]`, already truncated to the model's maximum length.
public struct TokenizedText: Sendable, Equatable {
    /// Vocabulary ids, `[CLS]` first and `[SEP]` last.
    public var ids: [Int32]
    /// The token strings matching `ids` (for example `["[CLS]", "hello", "##s", "[SEP]"]`).
    public var tokens: [String]
    /// Where each token came from in the original text, in Unicode scalars (Python string indices, end
    /// exclusive), as Hugging Face `tokenizers` reports offsets: `0..<0` for `[CLS]` and `[SEP]`, a whole
    /// word for an `[UNK]`. `nil` unless the text came from ``WordPieceTokenizer/encodeWithOffsets(_:maxLength:)``.
    public var offsets: [Range<Int>]?

    /// Creates a tokenized text from parallel arrays of ids, tokens and (optionally) offsets.
    public init(ids: [Int32], tokens: [String], offsets: [Range<Int>]? = nil) {
        self.ids = ids
        self.tokens = tokens
        self.offsets = offsets
    }

    /// Number of tokens, special tokens included.
    public var count: Int { ids.count }
}
