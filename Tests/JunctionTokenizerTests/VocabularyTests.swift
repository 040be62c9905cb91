import JunctionTokenizer
import Testing

/// Token and id lookups.
@Suite("Vocabulary")
struct VocabularyTests {
    @Test("ids are line indices and map both ways")
    func linesBecomeIDs() {
        let vocabulary = Vocabulary(tokens: ["[PAD]", "[UNK]", "hello", "##s"])
        #expect(vocabulary.count == 4)
        #expect(vocabulary.tokenCount == 4)
        #expect(vocabulary.id(for: "hello") == 2)
        #expect(vocabulary.id(for: "##s") == 3)
        #expect(vocabulary.token(for: 3) == "##s")
        #expect(vocabulary.id(for: "hell") == nil)
        #expect(vocabulary.id(for: "hellos") == nil)
        #expect(vocabulary.token(for: 4) == nil)
        #expect(vocabulary.token(for: -1) == nil)
        #expect(vocabulary.contains("[UNK]"))
    }

    @Test("a repeated line: the later id wins for lookups, each id keeps its token")
    func duplicatesFollowHuggingFace() {
        let vocabulary = Vocabulary(tokens: ["a", "b", "a"])
        #expect(vocabulary.id(for: "a") == 2)
        #expect(vocabulary.token(for: 0) == "a")
        #expect(vocabulary.count == 3)
        #expect(vocabulary.tokenCount == 2)
    }

    @Test("lookups compare bytes, not canonical equivalence")
    func byteExactLookups() {
        let composed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        #expect(composed == decomposed)  // Swift String equality would conflate them
        let vocabulary = Vocabulary(tokens: [composed])
        #expect(vocabulary.id(for: composed) == 0)
        #expect(vocabulary.id(for: decomposed) == nil)
        let both = Vocabulary(tokens: [composed, decomposed])
        #expect(both.id(for: composed) == 0)
        #expect(both.id(for: decomposed) == 1)
    }

    @Test("explicit entries may leave gaps in the ids")
    func sparseEntries() {
        let vocabulary = Vocabulary(entries: [(token: "x", id: 5), (token: "y", id: 1)])
        #expect(vocabulary.count == 6)
        #expect(vocabulary.token(for: 3) == nil)
        #expect(vocabulary.id(for: "x") == 5)
        #expect(vocabulary.entries.map(\.token) == ["y", "x"])
    }

    @Test("a large vocabulary keeps every token", arguments: [1, 1000, 50000])
    func manyTokens(count: Int) {
        let tokens = (0..<count).map { "t\($0)" }
        let vocabulary = Vocabulary(tokens: tokens)
        #expect(tokens.indices.allSatisfy { vocabulary.id(for: tokens[$0]) == Int32($0) })
    }
}
