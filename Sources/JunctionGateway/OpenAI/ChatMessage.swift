/// One message of a chat request, as far as the gateway reads it: its role and its text (string content, or
/// the `text` parts of a content array, joined by newlines). Everything else passes through unread.
struct ChatMessage: Sendable, Equatable, Decodable {
    /// `system`, `developer`, `user`, `assistant`, `tool` or `function`.
    var role: String
    /// The message's text ("" for none, e.g. an assistant message that only calls tools).
    var text: String

    init(role: String, text: String) {
        self.role = role
        self.text = text
    }

    private enum CodingKeys: String, CodingKey { case role, content }

    private struct Part: Decodable {
        var type: String?
        var text: String?
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decode(String.self, forKey: .role)
        if try !container.contains(.content) || container.decodeNil(forKey: .content) {
            text = ""
        } else if let string = try? container.decode(String.self, forKey: .content) {
            text = string
        } else if let parts = try? container.decode([Part].self, forKey: .content) {
            text = parts.compactMap { $0.type == "text" || $0.type == nil ? $0.text : nil }.joined(separator: "\n")
        } else {
            throw DecodingError.typeMismatch(
                String.self,
                DecodingError.Context(codingPath: container.codingPath + [CodingKeys.content], debugDescription: "a string or an array of content parts")
            )
        }
    }

    /// The message as one `role: text` line (earlier turns in cache scopes, last turns for routing).
    var line: String { "\(role): \(text)" }
}
