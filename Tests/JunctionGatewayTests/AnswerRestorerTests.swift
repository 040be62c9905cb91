@testable import JunctionGateway
import Testing

/// Placeholders put back into streamed answers whatever the chunking: split across events and across the
/// bytes of one event.
@Suite struct AnswerRestorerTests {
    static func event(_ content: String, finish: String? = nil) -> String {
        let reason = finish.map { "\"\($0)\"" } ?? "null"
        return #"data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"\#(content)"},"finish_reason":\#(reason)}]}"# + "\n\n"
    }

    @Test func aPlaceholderSplitAcrossEventsAndBytesIsRestored() {
        var splitter = SSEEventSplitter()
        var restorer = AnswerRestorer(originals: ["<PERSON_1>": "Ada Lovelace"])
        let stream = Self.event("Hello <PER") + Self.event("SON_1>, welcome") + Self.event("!", finish: "stop") + "data: [DONE]\n\n"
        var out: [UInt8] = []
        let bytes = Array(stream.utf8)
        for start in stride(from: 0, to: bytes.count, by: 7) {
            for event in splitter.feed(Array(bytes[start..<min(start + 7, bytes.count)])) { out += restorer.restoring(event: event) }
        }
        out += restorer.finish() + splitter.rest()
        var parser = SSEParser()
        var assembler = StreamAssembler()
        assembler.feed(out)
        #expect(assembler.content == "Hello Ada Lovelace, welcome!")
        #expect(assembler.done)
        #expect(parser.feed(out).count == 4)
    }

    @Test func heldTextIsReleasedWhenAStreamEndsWithoutAFinishChunk() {
        var restorer = AnswerRestorer(originals: ["<EMAIL_ADDRESS_1>": "a@b.c"])
        var out = restorer.restoring(event: Array(Self.event("write to <EMAIL").utf8))
        out += restorer.finish()
        var assembler = StreamAssembler()
        assembler.feed(out)
        #expect(assembler.content == "write to <EMAIL", "an unfinished placeholder is shown as it came, not dropped")
    }

    @Test func aJSONAnswerIsRestoredInEveryChoice() {
        let restorer = AnswerRestorer(originals: ["<US_SSN_1>": "536-22-8471"])
        let body = Array(#"{"id":"c","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Your SSN <US_SSN_1> is valid."},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":5}}"#.utf8)
        let restored = String(decoding: restorer.restoringJSON(body), as: UTF8.self)
        #expect(restored.contains(#""content":"Your SSN 536-22-8471 is valid.""#))
        #expect(restored.contains(#""usage":{"completion_tokens":5,"prompt_tokens":3}"#))
    }
}
