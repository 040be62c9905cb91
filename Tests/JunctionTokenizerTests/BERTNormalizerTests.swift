@testable import JunctionTokenizer
import Testing

/// Normalisation details where Swift's own string APIs differ from Hugging Face.
@Suite("BERTNormalizer")
struct BERTNormalizerTests {
    private func normalize(
        _ text: String, lowercase: Bool = true, stripAccents: Bool? = nil, chinese: Bool = true, clean: Bool = true
    ) -> String {
        let configuration = TokenizerConfiguration(
            lowercase: lowercase, stripAccents: stripAccents, tokenizeChineseChars: chinese, cleanText: clean)
        let bytes = BERTNormalizer(configuration: configuration).normalized(Array(text.utf8))
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("İ lowercases to i + U+0307 (full mapping), which strip_accents then removes")
    func dottedCapitalI() {
        #expect(Array(normalize("İ", stripAccents: false).unicodeScalars) == ["i", "\u{307}"])
        #expect(normalize("İ") == "i")
    }

    @Test("sigma lowercases per scalar: no final-sigma rule")
    func finalSigma() {
        #expect(normalize("ΣΑΣ", stripAccents: false) == "σασ")
        #expect(normalize("Σ", stripAccents: false) == "σ")
    }

    @Test("accents are stripped after NFD; compatibility forms are kept")
    func stripAccents() {
        #expect(normalize("Ångström café naïve") == "angstrom cafe naive")
        #expect(normalize("cafe\u{301}") == "cafe")
        #expect(normalize("\u{FB01}") == "\u{FB01}")  // no NFKD: the ﬁ ligature stays
        #expect(normalize("ß ẞ") == "ß ß")
    }

    @Test("clean_text removes controls and format characters and maps whitespace to spaces")
    func cleanText() {
        #expect(normalize("a\u{0}b\u{FFFD}c\u{200B}d\u{7}e") == "abcde")
        #expect(normalize("a\tb\nc\u{A0}d\u{3000}e") == "a b c d e")
        #expect(normalize("a\u{0}b", clean: false) == "a\u{0}b")
    }

    @Test("Chinese characters get spaces; kana and hangul do not")
    func chineseCharacters() {
        #expect(normalize("中文ab") == " 中  文 ab")
        #expect(normalize("カナ") == "カナ")
        #expect(normalize("中文", chinese: false) == "中文")
        #expect(normalize("\u{2B820}") == "\u{2B820}")  // outside Hugging Face's ranges
    }

    @Test("combining marks reorder canonically across a removed control character")
    func reorderAcrossRemovedCharacter() {
        // Spacing marks (kept by strip_accents) with combining classes 226 and 216:
        // Hugging Face deletes U+0007 first, so NFD sees them adjacent and swaps them.
        let text = "x\u{1D16D}\u{7}\u{1D165}"
        #expect(Array(normalize(text).unicodeScalars) == ["x", "\u{1D165}", "\u{1D16D}"])
    }
}
