import Foundation
import JunctionGuard
import JunctionJSON

/// Puts the original values back into an answer whose request was redacted (`guard.pii.restore`), so the
/// user sees their own data while the upstream never did: in a JSON answer's choices, and event by event in
/// a stream, where a placeholder may be split across chunks (held back until it is whole, released with the
/// choice's finish chunk at the latest). Only the content text is restored; tool-call arguments are not.
struct AnswerRestorer: Sendable {
    private let originals: [String: String]
    private var restorers: [Int: PlaceholderRestorer] = [:]

    /// A restorer for a request's placeholders.
    init(originals: [String: String]) {
        self.originals = originals
    }

    /// A complete `chat.completion` body with every choice's content restored (the body as it came when it
    /// is not a completion or holds no placeholder).
    func restoringJSON(_ body: [UInt8]) -> [UInt8] {
        guard case .object(var completion)? = try? JSONDecoder().decode(JSONValue.self, from: Data(body)),
              case .array(var choices)? = completion["choices"]
        else { return body }
        for index in choices.indices {
            guard case .object(var choice) = choices[index], case .object(var message)? = choice["message"],
                  let content = message["content"]?.stringValue
            else { continue }
            message["content"] = .string(PlaceholderRestorer.restore(content, originals: originals))
            choice["message"] = .object(message)
            choices[index] = .object(choice)
        }
        completion["choices"] = .array(choices)
        return Self.encode(.object(completion)).map(Array.init) ?? body
    }

    /// One raw SSE event with its content deltas restored; the event as it came when it carries none.
    mutating func restoring(event: [UInt8]) -> [UInt8] {
        guard let data = SSEEventSplitter.data(of: event), data != "[DONE]",
              case .object(var chunk)? = try? JSONDecoder().decode(JSONValue.self, from: Data(data.utf8)),
              case .array(var choices)? = chunk["choices"], !choices.isEmpty
        else { return event }
        for position in choices.indices {
            guard case .object(var choice) = choices[position] else { continue }
            var index = 0
            if case .number(let number)? = choice["index"] { index = Int(number) }
            var restorer = restorers[index] ?? PlaceholderRestorer(originals: originals)
            var delta: [String: JSONValue] = [:]
            if case .object(let fields)? = choice["delta"] { delta = fields }
            var text = delta["content"]?.stringValue.map { restorer.feed($0) }
            if let reason = choice["finish_reason"], reason != .null {
                let held = restorer.finish()
                if !held.isEmpty { text = (text ?? "") + held }
            }
            restorers[index] = restorer
            if let text { delta["content"] = .string(text) }
            choice["delta"] = .object(delta)
            choices[position] = .object(choice)
        }
        chunk["choices"] = .array(choices)
        guard let encoded = Self.encode(.object(chunk)) else { return event }
        return Array("data: ".utf8) + Array(encoded) + Array("\n\n".utf8)
    }

    /// Text still held back when a stream ends without a finish chunk, as one last content event (empty
    /// when nothing is held).
    mutating func finish() -> [UInt8] {
        var events: [UInt8] = []
        for (index, var restorer) in restorers.sorted(by: { $0.key < $1.key }) {
            let held = restorer.finish()
            restorers[index] = restorer
            guard !held.isEmpty else { continue }
            let chunk: JSONValue = .object(["object": .string("chat.completion.chunk"), "choices": .array([
                .object(["index": .number(Double(index)), "delta": .object(["content": .string(held)]), "finish_reason": .null]),
            ])])
            if let encoded = Self.encode(chunk) { events += Array("data: ".utf8) + Array(encoded) + Array("\n\n".utf8) }
        }
        return events
    }

    private static func encode(_ value: JSONValue) -> Data? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try? encoder.encode(value)
    }
}
