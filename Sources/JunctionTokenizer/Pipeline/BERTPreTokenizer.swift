/// Hugging Face's `BertPreTokenizer`: split normalised UTF-8 text into words.
///
/// Whitespace separates words and is dropped; every punctuation scalar
/// (ASCII punctuation or a Unicode `P*` category) becomes a word of its own.
struct BERTPreTokenizer {
    /// The text being split.
    let text: UnsafeBufferPointer<UInt8>
    /// Byte offset where the next word search starts.
    private(set) var position: Int

    /// Starts splitting `text` at `range.lowerBound` and stops at `range.upperBound`.
    init(text: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        self.text = text
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    /// End of the region to split.
    private let end: Int

    /// The byte range of the next word, or `nil` at the end of the text.
    mutating func nextWord() -> Range<Int>? {
        while position < end {
            let (value, length) = UTF8Buffer.decode(text, at: position)
            if BERTCharacterClass.isWhitespace(value) {
                position += length
                continue
            }
            let start = position
            position += length
            if BERTCharacterClass.isPunctuation(value) {
                return start..<position
            }
            while position < end {
                let (next, nextLength) = UTF8Buffer.decode(text, at: position)
                if BERTCharacterClass.isWhitespace(next) || BERTCharacterClass.isPunctuation(next) {
                    break
                }
                position += nextLength
            }
            return start..<position
        }
        return nil
    }
}
