import JunctionJSON

/// The texts of a chat request's messages as the guard scans them: one segment per string `content`, and
/// one per `text` part of a content array, with where it sits, so redacted texts go back exactly where
/// they came from (images and other parts untouched).
struct MessageSegments: Sendable {
    /// One text of one message.
    struct Segment: Sendable, Equatable {
        /// The message's position in `messages`.
        var message: Int
        /// The part's position in the content array; nil for a string content.
        var part: Int?
        /// The message's role.
        var role: String
        /// The text.
        var text: String
    }

    /// The texts, in message order.
    let segments: [Segment]
    private let parsed: MessagesBody

    /// The segments of `body`'s `messages`, nil when it has none (the decoder checked it has).
    init?(body: [UInt8]) {
        guard let parsed = MessagesBody(body) else { return nil }
        self.parsed = parsed
        var segments: [Segment] = []
        for (index, message) in parsed.messages.enumerated() {
            guard case .object(let fields) = message else { continue }
            let role = fields["role"]?.stringValue ?? ""
            switch fields["content"] {
            case .string(let text)?:
                segments.append(Segment(message: index, part: nil, role: role, text: text))
            case .array(let parts)?:
                for (position, part) in parts.enumerated() {
                    guard case .object(let partFields) = part, partFields["type"]?.stringValue ?? "text" == "text",
                          let text = partFields["text"]?.stringValue
                    else { continue }
                    segments.append(Segment(message: index, part: position, role: role, text: text))
                }
            default:
                continue
            }
        }
        self.segments = segments
    }

    /// `body` with each segment's text replaced by `texts[i]` (only the `messages` value is rewritten, and
    /// only when a text changed).
    func body(_ body: [UInt8], replacing texts: [String]) -> [UInt8] {
        guard zip(segments, texts).contains(where: { $0.text != $1 }) else { return body }
        var messages = parsed.messages
        for (segment, text) in zip(segments, texts) where segment.text != text {
            guard case .object(var fields) = messages[segment.message] else { continue }
            if let part = segment.part, case .array(var parts)? = fields["content"], case .object(var partFields) = parts[part] {
                partFields["text"] = .string(text)
                parts[part] = .object(partFields)
                fields["content"] = .array(parts)
            } else {
                fields["content"] = .string(text)
            }
            messages[segment.message] = .object(fields)
        }
        return parsed.body(body, with: messages)
    }
}
