import Foundation

/// The fields of a `POST /v1/chat/completions` body the gateway reads. The body itself is forwarded as it
/// came (only `model` is rewritten, at the byte level), so fields not listed here pass through untouched.
struct ChatRequest: Sendable, Decodable {
    /// The requested model: the auto model name, or a public model name.
    var model: String
    /// The conversation, at least one message.
    var messages: [ChatMessage]
    /// Whether the answer is streamed as server-sent events.
    var stream: Bool
    /// `stream_options.include_usage`: whether a stream ends with a usage chunk.
    var includeUsage: Bool
    /// The sampling temperature, if given.
    var temperature: Double?
    /// How many choices, if given.
    var choices: Int?
    /// `max_completion_tokens`, else `max_tokens`, if given.
    var maxTokens: Int?

    private enum CodingKeys: String, CodingKey {
        case model, messages, stream, temperature, n
        case maxTokens = "max_tokens"
        case maxCompletionTokens = "max_completion_tokens"
        case streamOptions = "stream_options"
    }

    private struct StreamOptions: Decodable {
        var includeUsage: Bool?
        enum CodingKeys: String, CodingKey { case includeUsage = "include_usage" }
    }

    init(model: String, messages: [ChatMessage], stream: Bool = false, includeUsage: Bool = false, temperature: Double? = nil, choices: Int? = nil) {
        self.model = model
        self.messages = messages
        self.stream = stream
        self.includeUsage = includeUsage
        self.temperature = temperature
        self.choices = choices
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decode(String.self, forKey: .model)
        messages = try container.decode([ChatMessage].self, forKey: .messages)
        stream = try container.decodeIfPresent(Bool.self, forKey: .stream) ?? false
        includeUsage = try container.decodeIfPresent(StreamOptions.self, forKey: .streamOptions)?.includeUsage ?? false
        temperature = try container.decodeIfPresent(Double.self, forKey: .temperature)
        choices = try container.decodeIfPresent(Int.self, forKey: .n)
        maxTokens = try container.decodeIfPresent(Int.self, forKey: .maxCompletionTokens) ?? container.decodeIfPresent(Int.self, forKey: .maxTokens)
    }

    /// Decodes and checks a body, throwing 400 `invalid_json` or `invalid_request` naming the field.
    static func decode(_ body: Data) throws(GatewayError) -> ChatRequest {
        let request: ChatRequest
        do {
            request = try JSONDecoder().decode(ChatRequest.self, from: body)
        } catch let error as DecodingError {
            throw RequestDecoding.gatewayError(error)
        } catch {
            throw GatewayError.invalidJSON("\(error)")
        }
        guard !request.model.isEmpty else { throw GatewayError.invalidRequest("'model' must not be empty", param: "model") }
        guard !request.messages.isEmpty else {
            throw GatewayError.invalidRequest("'messages' must contain at least one message", param: "messages")
        }
        let roles: Set<String> = ["system", "developer", "user", "assistant", "tool", "function"]
        for (position, message) in request.messages.enumerated() where !roles.contains(message.role) {
            throw GatewayError.invalidRequest(
                "'\(message.role)' is not a valid role: expected one of system, developer, user, assistant, tool, function",
                param: "messages[\(position)].role"
            )
        }
        if let choices = request.choices, choices < 1 {
            throw GatewayError.invalidRequest("'n' must be at least 1, got \(choices)", param: "n")
        }
        if let maxTokens = request.maxTokens, maxTokens < 1 {
            throw GatewayError.invalidRequest("'max_tokens' must be at least 1, got \(maxTokens)", param: "max_tokens")
        }
        if let temperature = request.temperature, !(0...2).contains(temperature) {
            throw GatewayError.invalidRequest("'temperature' must be between 0 and 2, got \(temperature)", param: "temperature")
        }
        return request
    }

    /// The text of the last user message ("" when there is none): the cache's prompt.
    var lastUserMessage: String {
        messages.last { $0.role == "user" }?.text ?? ""
    }

    /// The system (or developer) prompt, when the conversation has one.
    var systemPrompt: String? {
        let system = messages.filter { $0.role == "system" || $0.role == "developer" }.map(\.text)
        return system.isEmpty ? nil : system.joined(separator: "\n")
    }

    /// The turns before the last user message, system messages excepted, as `role: text` lines.
    var earlierTurns: [String] {
        guard let last = messages.lastIndex(where: { $0.role == "user" }) else { return [] }
        return messages[..<last].filter { $0.role != "system" && $0.role != "developer" }.map(\.line)
    }

    /// The last `count` non-system messages, one `role: text` line each.
    func lastTurns(_ count: Int) -> String {
        messages.filter { $0.role != "system" && $0.role != "developer" }.suffix(count).map(\.line).joined(separator: "\n")
    }
}
