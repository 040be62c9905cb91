/// The result of tokenizing one text for a BERT model: word pieces framed by
/// `[CLS]` and `[SEP]`, already truncated to the model's maximum length.
public struct TokenizedText: Sendable, Equatable {
    /// Vocabulary ids, `[CLS]` first and `[SEP]` last.
    public var ids: [Int32]
    /// The token strings matching `ids` (for example `["[CLS]", "hello", "##s", "[SEP]"]`).
    public var tokens: [String]

    /// Creates a tokenized text from parallel arrays of ids and tokens.
    public init(ids: [Int32], tokens: [String]) {
        self.ids = ids
        self.tokens = tokens
    }

    /// Number of tokens, special tokens included.
    public var count: Int { ids.count }
}
