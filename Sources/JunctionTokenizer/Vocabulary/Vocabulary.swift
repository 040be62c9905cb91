/// A WordPiece vocabulary: the bidirectional map between tokens and ids.
///
/// Token lookups compare UTF-8 bytes exactly, as Hugging Face does, rather than
/// by Swift's canonical-equivalence `String` equality.
public struct Vocabulary: Sendable {
    /// Byte trie from token spelling to id.
    let trie: TokenTrie
    /// Token of each id; `nil` for ids no token uses.
    let tokensByID: [String?]

    /// Creates a vocabulary from the lines of a `vocab.txt`, in order.
    ///
    /// The id of a token is its line index. When a spelling occurs twice, the
    /// later line wins for token-to-id lookups (as in Hugging Face's loader),
    /// while every id still maps back to its own line.
    public init(tokens: [String]) {
        self.init(entries: tokens.enumerated().map { (token: $0.element, id: Int32(truncatingIfNeeded: $0.offset)) })
    }

    /// Creates a vocabulary from explicit `(token, id)` pairs, such as the `model.vocab`
    /// object of a `tokenizer.json`. Negative ids are ignored.
    public init(entries: [(token: String, id: Int32)]) {
        var byteCount = 0
        var maximumID: Int32 = -1
        for entry in entries where entry.id >= 0 {
            byteCount += entry.token.utf8.count
            maximumID = max(maximumID, entry.id)
        }
        var trie = TokenTrie(byteCount: byteCount)
        var tokensByID = [String?](repeating: nil, count: Int(maximumID) + 1)
        for entry in entries where entry.id >= 0 {
            trie.insert(entry.token.utf8, id: entry.id)
            tokensByID[Int(entry.id)] = entry.token
        }
        self.trie = trie
        self.tokensByID = tokensByID
    }

    /// One more than the largest id (the size of the embedding table it indexes).
    public var count: Int { tokensByID.count }

    /// Number of distinct token spellings (smaller than ``count`` when a spelling repeats).
    public var tokenCount: Int { trie.tokenCount }

    /// The id of a token, compared byte for byte, or `nil` when it is not in the vocabulary.
    public func id(for token: String) -> Int32? {
        let node = trie.walk(token.utf8)
        guard node >= 0 else {
            return nil
        }
        let id = trie.terminalID(of: node)
        return id >= 0 ? id : nil
    }

    /// The token with the given id, or `nil` when no token has it.
    public func token(for id: Int32) -> String? {
        guard id >= 0 && Int(id) < tokensByID.count else {
            return nil
        }
        return tokensByID[Int(id)]
    }

    /// Whether the vocabulary holds the token (byte-exact comparison).
    public func contains(_ token: String) -> Bool {
        id(for: token) != nil
    }

    /// All `(token, id)` pairs, ordered by id.
    public var entries: [(token: String, id: Int32)] {
        tokensByID.enumerated().compactMap { index, token in
            token.map { (token: $0, id: Int32(index)) }
        }
    }
}
