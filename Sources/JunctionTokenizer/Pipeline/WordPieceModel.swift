/// Hugging Face's `WordPiece` model: greedy longest-match-first splitting of one word.
///
/// The first piece is looked up as is, later pieces with the continuing
/// subword prefix (`##`). A word longer than `maxInputCharsPerWord` Unicode
/// scalars, or one with any part no vocabulary piece matches, becomes a single
/// unknown token.
struct WordPieceModel: Sendable {
    /// Vocabulary trie.
    let trie: TokenTrie
    /// Trie node after the continuing subword prefix, or -1 when no token starts with it.
    let continuationNode: Int32
    /// Id of the unknown token.
    let unknownID: Int32
    /// Longest word, in Unicode scalars, that is split rather than mapped to unknown.
    let maxInputCharsPerWord: Int

    /// Creates the model over a vocabulary.
    init(vocabulary: Vocabulary, continuingSubwordPrefix: String, unknownID: Int32, maxInputCharsPerWord: Int) {
        self.trie = vocabulary.trie
        self.continuationNode = vocabulary.trie.walk(continuingSubwordPrefix.utf8)
        self.unknownID = unknownID
        self.maxInputCharsPerWord = maxInputCharsPerWord
    }

    /// Appends the pieces of the word at `word` in `text` to `tokens`.
    @inline(__always)
    func appendPieces<Sink: TokenSink>(of word: Range<Int>, in text: UnsafeBufferPointer<UInt8>, to tokens: inout Sink) {
        var scalarCount = 0
        for index in word where !UTF8Buffer.isContinuation(text[index]) {
            scalarCount += 1
        }
        guard scalarCount <= maxInputCharsPerWord else {
            tokens.append(unknownID, normalized: word)
            return
        }
        let firstPiece = tokens.count
        var start = word.lowerBound
        while start < word.upperBound {
            var node = start == word.lowerBound ? TokenTrie.root : continuationNode
            var matchEnd = -1
            var matchID: Int32 = -1
            var index = start
            while node >= 0 && index < word.upperBound {
                node = trie.child(of: node, byte: text[index])
                index += 1
                if node >= 0 {
                    let id = trie.terminalID(of: node)
                    if id >= 0 {
                        matchEnd = index
                        matchID = id
                    }
                }
            }
            guard matchEnd >= 0 else {
                tokens.truncate(to: firstPiece)
                tokens.append(unknownID, normalized: word)
                return
            }
            tokens.append(matchID, normalized: start..<matchEnd)
            start = matchEnd
        }
    }
}
