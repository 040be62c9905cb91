import Foundation

/// One line of an evaluation or fitting file: a text and the route it should
/// match, or nil when it must match no route (out of scope).
public struct LabeledExample: Sendable, Equatable {
    /// The text to route.
    public var text: String
    /// The expected route, nil for "no route".
    public var label: String?

    /// Creates an example.
    public init(text: String, label: String?) {
        self.text = text
        self.label = label
    }

    /// Reads a JSON-lines file of `{"text": ..., "label": route or null}`,
    /// naming the line of any malformed entry.
    public static func load(from url: URL) throws(RouterError) -> [LabeledExample] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RouterError(code: "invalid_file", message: "data file not found or unreadable: \(url.path)")
        }
        var examples: [LabeledExample] = []
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))) as? [String: Any],
                  let text = object["text"] as? String
            else {
                throw RouterError(code: "invalid_file", message: "\(url.path):\(number + 1): expected {\"text\": ..., \"label\": route or null}")
            }
            let label = object["label"]
            guard label == nil || label is NSNull || label is String else {
                throw RouterError(code: "invalid_file", message: "\(url.path):\(number + 1): label must be a route name or null")
            }
            examples.append(LabeledExample(text: text, label: label as? String))
        }
        guard !examples.isEmpty else { throw RouterError(code: "invalid_file", message: "\(url.path) has no examples") }
        return examples
    }
}
