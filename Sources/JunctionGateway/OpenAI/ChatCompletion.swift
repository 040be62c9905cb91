/// What the gateway reads of an upstream's `chat.completion` (non-streamed) answer: the text, finish
/// reasons, whether it calls tools, and token usage. The answer itself is passed to the client as it came.
struct ChatCompletion: Sendable, Decodable {
    struct Choice: Sendable, Decodable {
        var index: Int?
        var message: Message?
        var finishReason: String?

        enum CodingKeys: String, CodingKey {
            case index, message
            case finishReason = "finish_reason"
        }
    }

    struct Message: Sendable, Decodable {
        var content: String?
        var toolCalls: [Ignored]?
        var functionCall: Ignored?

        enum CodingKeys: String, CodingKey {
            case content
            case toolCalls = "tool_calls"
            case functionCall = "function_call"
        }
    }

    var model: String?
    var choices: [Choice]
    var usage: Usage?

    /// Whether any choice calls tools or a function.
    var hasToolCalls: Bool {
        choices.contains { ($0.message?.toolCalls?.isEmpty == false) || $0.message?.functionCall != nil }
    }

    /// The first choice's text.
    var content: String? { choices.first?.message?.content }
}

/// Token counts of an answer (`usage`).
struct Usage: Sendable, Decodable, Equatable {
    var promptTokens: Int
    var completionTokens: Int

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
    }

    init(promptTokens: Int, completionTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        promptTokens = try container.decodeIfPresent(Int.self, forKey: .promptTokens) ?? 0
        completionTokens = try container.decodeIfPresent(Int.self, forKey: .completionTokens) ?? 0
    }
}

/// A JSON value whose content does not matter, only its presence.
struct Ignored: Sendable, Decodable {
    init(from decoder: any Decoder) throws {}
}

/// What the gateway reads of one `chat.completion.chunk` of a stream.
struct ChatCompletionChunk: Sendable, Decodable {
    struct Choice: Sendable, Decodable {
        var index: Int?
        var delta: Delta?
        var finishReason: String?

        enum CodingKeys: String, CodingKey {
            case index, delta
            case finishReason = "finish_reason"
        }
    }

    struct Delta: Sendable, Decodable {
        var content: String?
        var toolCalls: [Ignored]?
        var functionCall: Ignored?

        enum CodingKeys: String, CodingKey {
            case content
            case toolCalls = "tool_calls"
            case functionCall = "function_call"
        }
    }

    var model: String?
    var choices: [Choice]?
    var usage: Usage?
}
