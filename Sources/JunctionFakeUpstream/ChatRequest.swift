import Foundation

/// The parts of a chat completions request the fake upstream reads.
struct ChatRequest {
    /// The request's `model`.
    var model: String
    /// `stream: true`.
    var stream: Bool
    /// `stream_options.include_usage: true`.
    var includeUsage: Bool
    /// The text of the last message with role `user` ("" when there is none).
    var lastUserMessage: String
    /// Words in all the messages' text (the fake's token count).
    var messageWords: Int
    /// The name of the first function in `tools`, if any.
    var firstToolName: String?

    /// A request the fake upstream rejects: the status, OpenAI's error code, the message and the field at fault.
    struct Rejection: Error {
        var status: Int
        var code: String
        var message: String
        var param: String?
    }

    /// Parses a request body.
    ///
    /// - Throws: `Rejection` (400) for a body that is not a JSON object, or lacks `model` (unless a
    ///   `defaultModel`, an Azure deployment, stands for it) or `messages`.
    init(body: Data, defaultModel: String? = nil) throws {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw Rejection(status: 400, code: "invalid_json", message: "the request body is not a JSON object")
        }
        guard let model = (object["model"] as? String).flatMap({ $0.isEmpty ? nil : $0 }) ?? defaultModel else {
            throw Rejection(status: 400, code: "invalid_request", message: "'model' is required", param: "model")
        }
        guard let messages = object["messages"] as? [[String: Any]], !messages.isEmpty else {
            throw Rejection(status: 400, code: "invalid_request", message: "'messages' must be a non-empty array", param: "messages")
        }
        self.model = model
        stream = (object["stream"] as? Bool) ?? false
        includeUsage = ((object["stream_options"] as? [String: Any])?["include_usage"] as? Bool) ?? false
        let texts = messages.map { Self.text(of: $0["content"]) }
        messageWords = texts.reduce(0) { $0 + Self.words(in: $1) }
        let lastUser = messages.lastIndex { $0["role"] as? String == "user" }
        lastUserMessage = lastUser.map { texts[$0] } ?? ""
        let tools = object["tools"] as? [[String: Any]]
        firstToolName = (tools?.first?["function"] as? [String: Any])?["name"] as? String
    }

    /// A message's text: a string, or the `text` of its content parts joined by newlines.
    static func text(of content: Any?) -> String {
        if let string = content as? String { return string }
        guard let parts = content as? [[String: Any]] else { return "" }
        return parts.compactMap { $0["text"] as? String }.joined(separator: "\n")
    }

    /// Whitespace-separated words.
    static func words(in text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).count
    }
}
