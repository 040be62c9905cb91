import Foundation

/// The form of a prompt the exact-match path compares: Unicode NFC, surrounding whitespace removed and every
/// run of whitespace one space. Case is kept (a cased model may answer differently).
public enum PromptNormalization {
    /// `text` normalised.
    public static func normalize(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
            .split(whereSeparator: { $0.isWhitespace })
            .joined(separator: " ")
    }
}
