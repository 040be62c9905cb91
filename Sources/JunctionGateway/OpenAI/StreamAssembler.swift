import Foundation

/// Assembles a streamed answer from its events while the stream is forwarded: the text and finish reason of
/// each choice, whether it calls tools, the usage chunk, and whether the stream ended with `data: [DONE]`.
struct StreamAssembler: Sendable {
    private var parser = SSEParser()
    private var contents: [Int: String] = [:]
    private var finishReasons: [Int: String] = [:]
    private(set) var hasToolCalls = false
    private(set) var usage: Usage?
    private(set) var model: String?
    /// True once `data: [DONE]` arrived.
    private(set) var done = false
    /// Events that were not JSON chunks (counted, not fatal: the bytes were forwarded anyway).
    private(set) var unreadableEvents = 0

    init() {}

    /// Consumes a piece of the stream.
    mutating func feed<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for event in parser.feed(bytes) { consume(event) }
    }

    private mutating func consume(_ event: String) {
        if event == "[DONE]" {
            done = true
            return
        }
        guard let chunk = try? JSONDecoder().decode(ChatCompletionChunk.self, from: Data(event.utf8)) else {
            unreadableEvents += 1
            return
        }
        if let model = chunk.model, self.model == nil { self.model = model }
        if let usage = chunk.usage { self.usage = usage }
        for choice in chunk.choices ?? [] {
            let index = choice.index ?? 0
            if let text = choice.delta?.content { contents[index, default: ""] += text }
            if choice.delta?.toolCalls?.isEmpty == false || choice.delta?.functionCall != nil { hasToolCalls = true }
            if let reason = choice.finishReason { finishReasons[index] = reason }
        }
    }

    /// The first choice's assembled text.
    var content: String { contents[0] ?? "" }

    /// The finish reason of every choice seen (nil where a choice never finished).
    var choiceFinishReasons: [String?] {
        let indices = Set(contents.keys).union(finishReasons.keys).sorted()
        return indices.map { finishReasons[$0] }
    }
}
