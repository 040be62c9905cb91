/// `ZIP_CODE`: a postal code next to a context word (`zip`, `postal`, `postcode`...): US ZIP and ZIP+4,
/// Canadian `A1A 1A1`, UK outward/inward codes, and the 3-to-6 digit codes of other countries (with an
/// optional inner space or hyphen, `53-320`, `340 12`). Without context a number is not a postal code;
/// only the letter-digit Canadian and UK shapes score on their own, and low.
public struct ZipCodeRecognizer: PIIRecognizer {
    /// Creates the recognizer.
    public init() {}

    /// `zip_code`.
    public var name: String { "zip_code" }
    /// Words that mark a postal code.
    public var contextWords: [String] { ["zip", "postal", "postcode", "post", "plz", "cep", "pin", "zipcode"] }

    /// The postal codes in a text.
    public func findings(in text: ScalarText) -> [PIIFinding] {
        var findings: [PIIFinding] = []
        let runs = DigitRun.runs(in: text, allowing: { $0 == 0x2D || $0 == 0x20 }, allowPlus: false)
        for run in runs {
            let groups = run.groups
            let isZip = groups == [5] || groups == [5, 4] || (3...6).contains(run.digits.count) && groups.count == 1
                || groups == [2, 3] || groups == [3, 2] || groups == [3, 3] || groups == [4, 3]
            if isZip {
                findings.append(PIIFinding(type: .zipCode, span: run.span, score: 0.2, detector: name))
            }
        }
        var index = 0
        while index + 6 < text.count {
            if !text.isWordCharacter(index - 1), let end = Self.letterDigitCodeEnd(from: index, in: text) {
                findings.append(PIIFinding(type: .zipCode, span: index..<end, score: 0.3, detector: name))
                index = end
            } else {
                index += 1
            }
        }
        return findings
    }

    /// Canadian `A1A 1A1` or UK `AA9A 9AA`-style codes (uppercase).
    private static func letterDigitCodeEnd(from start: Int, in text: ScalarText) -> Int? {
        func upper(_ i: Int) -> Bool { text[i] &- 0x41 < 26 }
        if upper(start), text.isDigit(start + 1), upper(start + 2), text[start + 3] == 0x20 || text[start + 3] == 0x2D,
            text.isDigit(start + 4), upper(start + 5), text.isDigit(start + 6), !text.isWordCharacter(start + 7)
        {
            return start + 7
        }
        var index = start
        while upper(index) && index - start < 2 { index += 1 }
        guard index > start, text.isDigit(index) else { return nil }
        index += 1
        if text.isDigit(index) || upper(index) { index += 1 }
        guard text[index] == 0x20, text.isDigit(index + 1), upper(index + 2), upper(index + 3),
            !text.isWordCharacter(index + 4)
        else {
            return nil
        }
        return index + 4
    }
}
