import Foundation

/// One answer of the fake upstream to a chat request, as a `chat.completion` object or as the
/// `chat.completion.chunk` events of an SSE stream.
struct FakeChatCompletion {
    /// The request's `model`, echoed back.
    var model: String
    /// The answer's text, or nil for a tool call.
    var content: String?
    /// The tool call's function name and arguments (JSON text), when answering with one.
    var toolCall: (name: String, arguments: String)?
    /// `stop`, `length`, `tool_calls`, ...
    var finishReason: String
    /// Words in the request's messages.
    var promptTokens: Int
    /// Words in the answer.
    var completionTokens: Int
    /// `chatcmpl-...`.
    var id: String
    /// Unix seconds.
    var created: Int

    /// Builds the answer to a parsed request under the settings in force.
    init(request: ChatRequest, control: FakeUpstreamControl, sequence: Int) {
        model = request.model
        id = "chatcmpl-fake-\(sequence)"
        created = Int(Date().timeIntervalSince1970)
        promptTokens = request.messageWords
        if control.toolCall {
            let name = request.firstToolName ?? "lookup"
            let arguments = String(decoding: Self.json(["query": request.lastUserMessage]), as: UTF8.self)
            toolCall = (name, arguments)
            content = nil
            finishReason = "tool_calls"
            completionTokens = ChatRequest.words(in: arguments)
        } else {
            let text = control.reply ?? "Echo: " + request.lastUserMessage
            content = text
            finishReason = control.finishReason
            completionTokens = control.completionTokens ?? ChatRequest.words(in: text)
        }
    }

    /// The `usage` object.
    var usage: [String: Any] {
        ["prompt_tokens": promptTokens, "completion_tokens": completionTokens, "total_tokens": promptTokens + completionTokens]
    }

    /// The `chat.completion` JSON body.
    var jsonBody: Data {
        var message: [String: Any] = ["role": "assistant", "content": content ?? NSNull(), "refusal": NSNull()]
        if let toolCall {
            message["tool_calls"] = [[
                "id": "call_fake_1", "type": "function",
                "function": ["name": toolCall.name, "arguments": toolCall.arguments],
            ] as [String: Any]]
        }
        let choice: [String: Any] = ["index": 0, "message": message, "logprobs": NSNull(), "finish_reason": finishReason]
        return Self.json([
            "id": id, "object": "chat.completion", "created": created, "model": model,
            "system_fingerprint": "fp_junction_fake", "choices": [choice], "usage": usage,
        ])
    }

    /// The SSE events, each a complete `data: ...\n\n` line: a role chunk, the content in pieces (or the tool
    /// call), a finish chunk, the usage chunk when asked for, then `data: [DONE]`.
    func sseEvents(includeUsage: Bool) -> [String] {
        var deltas: [[String: Any]] = [["role": "assistant", "content": ""]]
        if let toolCall {
            deltas[0]["content"] = NSNull()
            deltas.append(["tool_calls": [[
                "index": 0, "id": "call_fake_1", "type": "function",
                "function": ["name": toolCall.name, "arguments": ""],
            ] as [String: Any]]])
            deltas.append(["tool_calls": [["index": 0, "function": ["arguments": toolCall.arguments]] as [String: Any]]])
        } else {
            for piece in Self.pieces(of: content ?? "") { deltas.append(["content": piece]) }
        }
        var events: [String] = []
        for delta in deltas {
            events.append(event(choices: [["index": 0, "delta": delta, "logprobs": NSNull(), "finish_reason": NSNull()]],
                                includeUsage: includeUsage))
        }
        events.append(event(choices: [["index": 0, "delta": [String: Any](), "logprobs": NSNull(), "finish_reason": finishReason]],
                            includeUsage: includeUsage))
        if includeUsage {
            events.append(event(choices: [], includeUsage: true, usage: usage))
        }
        events.append("data: [DONE]\n\n")
        return events
    }

    private func event(choices: [[String: Any]], includeUsage: Bool, usage: [String: Any]? = nil) -> String {
        var chunk: [String: Any] = [
            "id": id, "object": "chat.completion.chunk", "created": created, "model": model,
            "system_fingerprint": "fp_junction_fake", "choices": choices,
        ]
        if includeUsage { chunk["usage"] = usage ?? NSNull() }
        return "data: " + String(decoding: Self.json(chunk), as: UTF8.self) + "\n\n"
    }

    /// Splits text into pieces that start where a run of whitespace starts, so they concatenate back to it.
    static func pieces(of text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var previousWasSpace = false
        for character in text {
            if character.isWhitespace, !previousWasSpace, !current.isEmpty {
                pieces.append(current)
                current = ""
            }
            current.append(character)
            previousWasSpace = character.isWhitespace
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// JSON text of a JSONSerialization-compatible object (slashes unescaped, keys sorted for stable output).
    static func json(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }
}
