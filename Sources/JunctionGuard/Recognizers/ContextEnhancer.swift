/// Raises the score of a match that has a context word nearby, as Presidio's `LemmaContextAwareEnhancer`
/// does: a word starting with one of the recognizer's context words (`phone` matches `phones`) among the
/// few words before the match, or right after it, adds ``boost`` (the result at least ``floor``).
struct ContextEnhancer: Sendable {
    /// Words looked at before a match.
    var wordsBefore = 6
    /// Words looked at after a match.
    var wordsAfter = 2
    /// Added to the score of a match with context (Presidio: 0.35).
    var boost = 0.35
    /// Least score of a match with context (Presidio: 0.4).
    var floor = 0.4

    /// Whether a context word occurs near `span`.
    func hasContext(_ words: [String], near span: Range<Int>, in text: ScalarText) -> Bool {
        guard !words.isEmpty else {
            return false
        }
        let nearby = lowercasedWords(in: text, before: span.lowerBound, count: wordsBefore)
            + lowercasedWords(in: text, after: span.upperBound, count: wordsAfter)
        return nearby.contains { word in words.contains { word.hasPrefix($0) } }
    }

    /// The finding with its score raised when a context word is near.
    func enhanced(_ finding: PIIFinding, words: [String], in text: ScalarText) -> PIIFinding {
        guard hasContext(words, near: finding.span, in: text) else {
            return finding
        }
        var finding = finding
        finding.score = min(1, max(floor, finding.score + boost))
        return finding
    }

    private func lowercasedWords(in text: ScalarText, before index: Int, count: Int) -> [String] {
        var words: [String] = []
        var end = index
        while words.count < count && end > 0 {
            while end > 0 && !text.isWordCharacter(end - 1) {
                end -= 1
            }
            var start = end
            while start > 0 && text.isWordCharacter(start - 1) {
                start -= 1
            }
            guard start < end else {
                break
            }
            words.append(text.string(start..<end).lowercased())
            end = start
        }
        return words
    }

    private func lowercasedWords(in text: ScalarText, after index: Int, count: Int) -> [String] {
        var words: [String] = []
        var start = index
        while words.count < count && start < text.count {
            while start < text.count && !text.isWordCharacter(start) {
                start += 1
            }
            var end = start
            while end < text.count && text.isWordCharacter(end) {
                end += 1
            }
            guard start < end else {
                break
            }
            words.append(text.string(start..<end).lowercased())
            start = end
        }
        return words
    }
}
