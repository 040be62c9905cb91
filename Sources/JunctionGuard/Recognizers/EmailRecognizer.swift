/// `EMAIL_ADDRESS`: a local part, `@`, and a domain of at least two labels ending in an alphabetic TLD.
///
/// Scans for `@` and grows both sides over the characters an address may hold, then validates: no empty,
/// leading, trailing or doubled dots; labels of letters, digits and inner hyphens; a TLD of 2+ letters.
public struct EmailRecognizer: PIIRecognizer {
    /// Creates the recognizer.
    public init() {}

    /// `email`.
    public var name: String { "email" }
    /// Words that make an address more likely.
    public var contextWords: [String] { ["email", "mail", "contact", "address", "reach"] }

    /// The email addresses in a text.
    public func findings(in text: ScalarText) -> [PIIFinding] {
        var findings: [PIIFinding] = []
        var index = 0
        while index < text.count {
            guard text[index] == 0x40 else {  // @
                index += 1
                continue
            }
            if let span = Self.address(around: index, in: text) {
                findings.append(PIIFinding(type: .emailAddress, span: span, score: 1.0, detector: name))
                index = span.upperBound
            } else {
                index += 1
            }
        }
        return findings
    }

    /// The valid address whose `@` is at `at`, if any.
    static func address(around at: Int, in text: ScalarText) -> Range<Int>? {
        var start = at
        while start > 0 && isLocalCharacter(text[start - 1]) {
            start -= 1
        }
        while start < at && text[start] == 0x2E {
            start += 1
        }
        guard start < at, text[at - 1] != 0x2E else {
            return nil
        }
        guard let domainEnd = DomainName.end(from: at + 1, in: text), domainEnd > at + 1 else {
            return nil
        }
        for index in start..<(at - 1) where text[index] == 0x2E && text[index + 1] == 0x2E {
            return nil
        }
        return start..<domainEnd
    }

    private static func isLocalCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x2E, 0x5F, 0x25, 0x2B, 0x2D, 0x27, 0x21, 0x23, 0x24, 0x26, 0x2A, 0x3D, 0x3F, 0x5E, 0x60, 0x7B, 0x7C, 0x7D, 0x7E: true
        default: value >= 0xC0 && value != 0xD7 && value != 0xF7 && Unicode.Scalar(value)?.properties.isAlphabetic == true
        }
    }
}
