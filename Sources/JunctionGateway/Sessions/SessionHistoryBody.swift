import Foundation
import JunctionJSON
import JunctionSessions

/// Puts a session's stored history into a request body (append mode): the request's system and developer
/// messages first, then the history, then the request's other messages. Only the `messages` value is
/// replaced; every other byte of the body stays as the client sent it.
enum SessionHistoryBody {
    /// The body with `history` in front of the request's conversation, nil when the body has no
    /// `messages` array (the decoder checked it has).
    static func prepending(_ history: [SessionMessage], to body: [UInt8]) -> [UInt8]? {
        guard !history.isEmpty else { return body }
        guard let range = ModelRewriter.valueRange(of: "messages", in: body),
              case .array(let messages)? = try? JSONDecoder().decode(JSONValue.self, from: Data(body[range]))
        else { return nil }
        func role(_ message: JSONValue) -> String? {
            guard case .object(let fields) = message else { return nil }
            return fields["role"]?.stringValue
        }
        let system = messages.filter { ["system", "developer"].contains(role($0) ?? "") }
        let rest = messages.filter { !["system", "developer"].contains(role($0) ?? "") }
        let stored: [JSONValue] = history.map { message in
            var fields: [String: JSONValue] = ["role": .string(message.role), "content": .string(message.content)]
            if let tool = message.toolCallID { fields["tool_call_id"] = .string(tool) }
            return .object(fields)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let array = try? encoder.encode(JSONValue.array(system + stored + rest)) else { return nil }
        return Array(body[..<range.lowerBound]) + Array(array) + Array(body[range.upperBound...])
    }
}
