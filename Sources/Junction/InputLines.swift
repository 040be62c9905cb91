import Foundation

/// Texts from standard input: one per line, either a JSON object with a
/// `text` field or the plain text itself.
enum InputLines {
    /// The text of one input line.
    static func text(of line: String) -> String {
        guard line.first == "{",
              let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let text = object["text"] as? String
        else { return line }
        return text
    }
}
