import JunctionGuard
import Testing

@Suite("Redaction and restore")
struct RedactionTests {
    private func finding(_ type: EntityType, _ text: String, _ value: String, from: Int = 0) -> PIIFinding {
        let scalars = Array(text.unicodeScalars)
        let needle = Array(value.unicodeScalars)
        let start = (from...(scalars.count - needle.count)).first { Array(scalars[$0..<($0 + needle.count)]) == needle }!
        return PIIFinding(type: type, span: start..<(start + needle.count), score: 1, detector: "test")
    }

    @Test("placeholders replace the right scalars of multi-byte text")
    func multiByteOffsets() {
        let text = "Grüße von Zoë Müller 😀 aus 北京, zoë@exämple.de"
        var redactor = Redactor(texts: [text])
        let redacted = redactor.redact(text, findings: [
            finding(.person, text, "Zoë Müller"), finding(.gpe, text, "北京"), finding(.emailAddress, text, "zoë@exämple.de"),
        ])
        #expect(redacted == "Grüße von <PERSON_1> 😀 aus <GPE_1>, <EMAIL_ADDRESS_1>")
        #expect(redactor.originals["<PERSON_1>"] == "Zoë Müller")
    }

    @Test("the same value gets the same placeholder in every message; placeholders in the text are skipped")
    func stablePlaceholders() {
        let first = "I am Ann Lee."
        let second = "Ann Lee again, and Bob Ray. Literally <PERSON_2> here."
        var redactor = Redactor(texts: [first, second])
        let redacted = redactor.redact([first, second], redactions: [
            [finding(.person, first, "Ann Lee")],
            [finding(.person, second, "Ann Lee"), finding(.person, second, "Bob Ray")],
        ])
        #expect(redacted == ["I am <PERSON_1>.", "<PERSON_1> again, and <PERSON_3>. Literally <PERSON_2> here."])
        #expect(PlaceholderRestorer.restore("Hi <PERSON_1> and <PERSON_3>, <PERSON_2>", originals: redactor.originals)
            == "Hi Ann Lee and Bob Ray, <PERSON_2>")
    }

    @Test("a placeholder split across every possible pair of stream deltas is restored whole")
    func streamingRestore() {
        let originals = ["<PERSON_1>": "Zoë Müller", "<EMAIL_ADDRESS_12>": "zoë@exämple.de"]
        let answer = "Dear <PERSON_1>, we wrote to <EMAIL_ADDRESS_12>. <3 <PERSON_ and <PERSON_1"
        let expected = "Dear Zoë Müller, we wrote to zoë@exämple.de. <3 <PERSON_ and <PERSON_1"
        let characters = Array(answer)
        for cut in 0...characters.count {
            for secondCut in cut...characters.count {
                var restorer = PlaceholderRestorer(originals: originals)
                var output = restorer.feed(String(characters[..<cut]))
                output += restorer.feed(String(characters[cut..<secondCut]))
                output += restorer.feed(String(characters[secondCut...]))
                output += restorer.finish()
                #expect(output == expected, "cuts at \(cut), \(secondCut)")
            }
        }
    }

    @Test("deltas one character at a time never show part of a placeholder")
    func holdsBackPrefixes() {
        var restorer = PlaceholderRestorer(originals: ["<PERSON_1>": "Ann"])
        var shown: [String] = []
        for character in "Hi <PERSON_1>!" {
            shown.append(restorer.feed(String(character)))
        }
        shown.append(restorer.finish())
        #expect(shown.joined() == "Hi Ann!")
        #expect(!shown.contains { $0.contains("<P") || $0.contains("ON_") })
    }
}
