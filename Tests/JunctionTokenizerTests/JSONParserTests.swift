@testable import JunctionTokenizer
import Testing

/// The strict JSON parser used for tokenizer files.
@Suite("JSONParser")
struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    @Test("objects keep members in order, and exact keys")
    func objectsKeepExactKeys() throws {
        let value = try parse(#"{"caf\u00e9": 1, "cafe\u0301": 2, "b": [true, null, -1.5e2, "x"]}"#)
        let members = try #require(value.objectMembers)
        #expect(members.count == 2 + 1)
        #expect(Array(members[0].key.utf8) == Array("caf\u{E9}".utf8))
        #expect(Array(members[1].key.utf8) == Array("cafe\u{301}".utf8))
        #expect(members[1].value.intValue == 2)
        let array = try #require(value["b"]?.arrayElements)
        #expect(array[0].boolValue == true)
        #expect(array[1].isNull)
        if case .number(let number) = array[2] { #expect(number == -150) } else { Issue.record("not a number") }
        #expect(array[3].stringValue == "x")
    }

    @Test("escapes, surrogate pairs and raw UTF-8")
    func strings() throws {
        let value = try parse(#"["a\"b\\c\/d\n\t", "\ud83d\ude00", "日本", "\u0000"]"#)
        let strings = try #require(value.arrayElements).compactMap(\.stringValue)
        #expect(strings == ["a\"b\\c/d\n\t", "😀", "日本", "\u{0}"])
    }

    @Test(
        "malformed documents are rejected with an offset",
        arguments: [
            #"{"a": 1,}"#, #"[1 2]"#, #"{"a" 1}"#, #""abc"#, #"[tru]"#, #"01"#, #"{"a": 1} x"#, #""\ud800""#,
            "", "[\"a\nb\"]",
        ])
    func malformed(text: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try parse(text) }
    }

    @Test("numbers")
    func numbers() throws {
        #expect(try parse("101").intValue == 101)
        #expect(try parse("-0").intValue == 0)
        #expect(try parse("2.0").intValue == 2)
        #expect(try parse("2.5").intValue == nil)
    }

    @Test("deep nesting is refused rather than overflowing the stack")
    func deepNesting() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParser.SyntaxError.self) { try parse(text) }
    }
}
