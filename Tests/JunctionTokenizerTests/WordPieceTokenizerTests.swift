import JunctionTokenizer
import Testing

/// WordPiece splitting, truncation and added tokens on a small hand-made vocabulary.
@Suite("WordPieceTokenizer behaviour")
struct WordPieceTokenizerTests {
    private let vocabulary = Vocabulary(tokens: [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "##aff", "##able", "una", "hello", "world",
        ",", "!", "é", "##é", "e", "a", "b", "[", "]", "mask", "##ff", "<x>", "x",
    ])

    private func tokenizer(_ configuration: TokenizerConfiguration = TokenizerConfiguration()) -> WordPieceTokenizer {
        WordPieceTokenizer(vocabulary: vocabulary, configuration: configuration)
    }

    @Test("greedy longest match first, with ## continuations")
    func greedyLongestMatch() {
        // "una" beats "un" as the first piece; "##ff" and "##able" finish the word.
        #expect(tokenizer().tokenize("unaffable") == ["una", "##ff", "##able"])
        #expect(tokenizer().tokenize("Hello, world!") == ["hello", ",", "world", "!"])
    }

    @Test("a word with an unmatched part becomes a single [UNK]")
    func unknownWord() {
        #expect(tokenizer().tokenize("unaffablez hello") == ["[UNK]", "hello"])
        #expect(tokenizer().encode("zzz").ids == [2, 1, 3])
    }

    @Test("maxInputCharsPerWord counts Unicode scalars, not bytes")
    func maxCharsCountsScalars() {
        let configuration = TokenizerConfiguration(lowercase: false, stripAccents: false, maxInputCharsPerWord: 3)
        let tokenizer = tokenizer(configuration)
        #expect(tokenizer.tokenize("ééé") == ["é", "##é", "##é"])  // 6 bytes, 3 scalars
        #expect(tokenizer.tokenize("éééé") == ["[UNK]"])
    }

    @Test("truncation drops pieces from the end and keeps [SEP]")
    func truncation() {
        let tokenizer = tokenizer(TokenizerConfiguration(maxLength: 4))
        #expect(tokenizer.encode("hello world hello").tokens == ["[CLS]", "hello", "world", "[SEP]"])
        #expect(tokenizer.encode("unaffable").tokens == ["[CLS]", "una", "##ff", "[SEP]"])
        let minimal = self.tokenizer(TokenizerConfiguration(maxLength: 2))
        #expect(minimal.encode("hello").tokens == ["[CLS]", "[SEP]"])
        #expect(tokenizer.tokenize("hello world hello").count == 3)
    }

    @Test("empty and whitespace-only texts are just [CLS] [SEP]")
    func emptyText() {
        #expect(tokenizer().encode("").ids == [2, 3])
        #expect(tokenizer().encode(" \t\n\u{3000}").ids == [2, 3])
        #expect(tokenizer().tokenize("").isEmpty)
    }

    @Test("special tokens in the text are matched verbatim before normalisation")
    func specialTokensInText() {
        #expect(tokenizer().tokenize("a[MASK]b") == ["a", "[MASK]", "b"])
        #expect(tokenizer().tokenize("[mask]") == ["[", "mask", "]"])
        #expect(tokenizer().tokenize("[[CLS]]") == ["[", "[CLS]", "]"])
    }

    @Test("single-word added tokens only match between non-word characters")
    func singleWordAddedTokens() {
        let configuration = TokenizerConfiguration(
            lowercase: false, addedTokens: [AddedToken("<x>", singleWord: true), AddedToken("[MASK]")])
        let tokenizer = tokenizer(configuration)
        #expect(tokenizer.tokenize("a <x> b") == ["a", "<x>", "b"])
        // Rejected next to "a", so "<x>" is normalised and split like any text.
        #expect(tokenizer.tokenize("a<x>b") == ["a", "[UNK]", "x", "[UNK]", "b"])
        #expect(tokenizer.tokenize("<x>") == ["<x>"])
    }

    @Test("normalized added tokens match the normalised text")
    func normalizedAddedTokens() {
        let configuration = TokenizerConfiguration(addedTokens: [AddedToken("<x>", normalized: true)])
        #expect(tokenizer(configuration).tokenize("A<X>B") == ["a", "<x>", "b"])
    }

    @Test("a custom continuation prefix")
    func customPrefix() {
        let vocabulary = Vocabulary(tokens: ["[UNK]", "[CLS]", "[SEP]", "un", "@@aff", "@@able"])
        let configuration = TokenizerConfiguration(continuingSubwordPrefix: "@@")
        let tokenizer = WordPieceTokenizer(vocabulary: vocabulary, configuration: configuration)
        #expect(tokenizer.tokenize("unaffable") == ["un", "@@aff", "@@able"])
    }
}
