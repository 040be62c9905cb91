/// A detector of structured data (numbers, addresses, keys) that validates what it matches.
///
/// Recognizers return candidates with the score their validation earns; ``RecognizerSet`` then raises the
/// score of those with one of the recognizer's ``contextWords`` nearby (as Presidio's context enhancer
/// does) and drops those still at zero.
public protocol PIIRecognizer: Sendable {
    /// A short stable name (`credit_card`), reported as ``PIIFinding/detector``.
    var name: String { get }
    /// Lowercase words whose presence near a match raises its score (`card`, `visa`, ...).
    var contextWords: [String] { get }
    /// The validated matches in a text.
    func findings(in text: ScalarText) -> [PIIFinding]
}

extension PIIRecognizer {
    /// No context words.
    public var contextWords: [String] { [] }
}
