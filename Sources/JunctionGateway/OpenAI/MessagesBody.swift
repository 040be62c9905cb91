import Foundation
import JunctionJSON

/// The `messages` array of a chat request body, read and replaced at the byte level: only that value is
/// rewritten, every other byte stays as the client sent it (sessions put history in front of it, the
/// guard replaces redacted texts in it).
struct MessagesBody: Sendable {
    /// The messages, as JSON.
    let messages: [JSONValue]
    private let range: Range<Int>

    /// The messages of `body`, nil when it has no `messages` array.
    init?(_ body: [UInt8]) {
        guard let range = ModelRewriter.valueRange(of: "messages", in: body),
              case .array(let messages)? = try? JSONDecoder().decode(JSONValue.self, from: Data(body[range]))
        else { return nil }
        self.messages = messages
        self.range = range
    }

    /// `body` (the one this was read from) with `messages` in place of its messages.
    func body(_ body: [UInt8], with messages: [JSONValue]) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let array = try? encoder.encode(JSONValue.array(messages)) else { return body }
        return Array(body[..<range.lowerBound]) + Array(array) + Array(body[range.upperBound...])
    }

    /// A message's role, nil when it is not an object with one.
    static func role(_ message: JSONValue) -> String? {
        guard case .object(let fields) = message else { return nil }
        return fields["role"]?.stringValue
    }
}
