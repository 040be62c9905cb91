import JunctionJSON
import JunctionSessions

/// Puts a session's stored history into a request body (append mode): the request's system and developer
/// messages first, then the history, then the request's other messages.
enum SessionHistoryBody {
    /// The body with `history` in front of the request's conversation, nil when the body has no
    /// `messages` array (the decoder checked it has).
    static func prepending(_ history: [SessionMessage], to body: [UInt8]) -> [UInt8]? {
        guard !history.isEmpty else { return body }
        guard let parsed = MessagesBody(body) else { return nil }
        let isSystem = { (message: JSONValue) in ["system", "developer"].contains(MessagesBody.role(message) ?? "") }
        let stored: [JSONValue] = history.map { message in
            var fields: [String: JSONValue] = ["role": .string(message.role), "content": .string(message.content)]
            if let tool = message.toolCallID { fields["tool_call_id"] = .string(tool) }
            return .object(fields)
        }
        return parsed.body(body, with: parsed.messages.filter(isSystem) + stored + parsed.messages.filter { !isSystem($0) })
    }
}
