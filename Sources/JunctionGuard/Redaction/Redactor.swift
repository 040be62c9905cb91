/// Replaces findings by placeholders such as `<PERSON_1>`, stable within a request: one `Redactor` per
/// request, and the same value of the same type gets the same placeholder in every message. Spans are
/// Unicode scalars, so multi-byte text is cut where the findings say. A placeholder that already occurs in
/// the request's text is skipped, so restoring never replaces the user's own words.
public struct Redactor: Sendable {
    /// Placeholder → original value, for ``PlaceholderRestorer``.
    public private(set) var originals: [String: String] = [:]
    private var placeholders: [String: String] = [:]  // "TYPE\u{0}value" → placeholder
    private var counters: [EntityType: Int] = [:]
    private var texts: [String]

    /// A redactor for a request whose message texts are `texts` (to avoid placeholders they contain).
    public init(texts: [String] = []) {
        self.texts = texts
    }

    /// The placeholder of one value, made on first use.
    public mutating func placeholder(for type: EntityType, value: String) -> String {
        let key = type.rawValue + "\u{0}" + value
        if let existing = placeholders[key] {
            return existing
        }
        var number = counters[type, default: 0]
        var placeholder: String
        repeat {
            number += 1
            placeholder = "<\(type.rawValue)_\(number)>"
        } while originals[placeholder] != nil || texts.contains { $0.contains(placeholder) }
        counters[type] = number
        placeholders[key] = placeholder
        originals[placeholder] = value
        return placeholder
    }

    /// `text` with each finding replaced by its placeholder (overlapping findings: the first wins).
    public mutating func redact(_ text: String, findings: [PIIFinding]) -> String {
        guard !findings.isEmpty else {
            return text
        }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var position = 0
        for finding in findings.sorted(by: { $0.start < $1.start }) {
            let span = max(finding.start, 0)..<min(finding.end, scalars.count)
            guard span.lowerBound >= position, !span.isEmpty else {
                continue
            }
            output.append(contentsOf: scalars[position..<span.lowerBound])
            let value = String(String.UnicodeScalarView(scalars[span]))
            output.append(contentsOf: placeholder(for: finding.type, value: value).unicodeScalars)
            position = span.upperBound
        }
        output.append(contentsOf: scalars[position...])
        return String(output)
    }

    /// Each message redacted with its findings (`redactions[i]` for `texts[i]`).
    public mutating func redact(_ texts: [String], redactions: [[PIIFinding]]) -> [String] {
        zip(texts, redactions).map { redact($0, findings: $1) }
    }
}
