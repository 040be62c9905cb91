/// `US_SSN`: `AAA-GG-SSSS` (hyphens, spaces or dots, the same throughout) or 9 bare digits (with context
/// only). Invalid numbers are rejected as the Social Security Administration never issues them: area 000,
/// 666 or 900-999, group 00, serial 0000, one repeated digit, and the famous advertising numbers.
public struct USSSNRecognizer: PIIRecognizer {
    /// Creates the recognizer.
    public init() {}

    /// `us_ssn`.
    public var name: String { "us_ssn" }
    /// Words that make a Social Security Number more likely.
    public var contextWords: [String] { ["ssn", "social", "security", "ssns", "ss#", "ssid", "taxpayer"] }

    /// The Social Security Numbers in a text.
    public func findings(in text: ScalarText) -> [PIIFinding] {
        let runs = DigitRun.runs(
            in: text, allowing: { $0 == 0x2D || $0 == 0x20 || $0 == 0x2E }, allowPlus: false)
        return runs.compactMap { run in
            guard run.digits.count == 9, Self.isValid(run.digits) else {
                return nil
            }
            if run.groups == [3, 2, 4] && run.separators.count == 1 {
                let score = run.separators.contains(0x2D) ? 0.85 : 0.5
                return PIIFinding(type: .usSSN, span: run.span, score: score, detector: name)
            }
            if run.groups == [9] {
                return PIIFinding(type: .usSSN, span: run.span, score: 0.15, detector: name)
            }
            return nil
        }
    }

    /// Whether nine digits could be an issued SSN.
    static func isValid(_ digits: [UInt8]) -> Bool {
        let area = digits[0..<3].reduce(0) { $0 * 10 + Int($1) }
        let group = digits[3..<5].reduce(0) { $0 * 10 + Int($1) }
        let serial = digits[5..<9].reduce(0) { $0 * 10 + Int($1) }
        guard area != 0, area != 666, area < 900, group != 0, serial != 0, Set(digits).count > 1 else {
            return false
        }
        let number = digits.reduce(0) { $0 * 10 + Int($1) }
        return ![78_05_1120, 219_09_9999, 123_45_6789].contains(number)
    }
}
