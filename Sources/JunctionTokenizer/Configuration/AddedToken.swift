/// A token matched verbatim in the input before WordPiece runs, such as `[MASK]`.
///
/// Mirrors the `added_tokens` of a Hugging Face `tokenizer.json`. When the
/// input contains the token's text it becomes that single token instead of
/// being normalised and split, so `"a [MASK] b"` encodes `[MASK]` as id 103.
/// The `lstrip`/`rstrip` options of Hugging Face are not modelled: for BERT they
/// only absorb whitespace the pre-tokenizer drops anyway.
public struct AddedToken: Sendable, Equatable, Hashable {
    /// The exact text of the token.
    public var content: String
    /// Only match when not preceded or followed by a word character (`\w`).
    public var singleWord: Bool
    /// Match against the normalised text (with `content` normalised too) rather than the raw input.
    public var normalized: Bool

    /// Creates an added token; the defaults describe a special token such as `[CLS]`.
    public init(_ content: String, singleWord: Bool = false, normalized: Bool = false) {
        self.content = content
        self.singleWord = singleWord
        self.normalized = normalized
    }
}
