/// `US_DRIVER_LICENSE`: the number after a context word (`driver's license`, `DL`, `licence`...). US
/// states use 1 to 19 characters of letters and digits (`F162823540116`, `2270-66-1551`), which look like
/// any other identifier, so a candidate (5 to 19 characters, mostly digits, at most two letters, hyphens
/// allowed) scores only with context.
public struct USDriverLicenseRecognizer: PIIRecognizer {
    /// Creates the recognizer.
    public init() {}

    /// `us_driver_license`.
    public var name: String { "us_driver_license" }
    /// Words that mark a driver's license number.
    public var contextWords: [String] { ["driver", "license", "licence", "dl", "permit", "driving"] }

    /// The candidate license numbers in a text.
    public func findings(in text: ScalarText) -> [PIIFinding] {
        var findings: [PIIFinding] = []
        var index = 0
        while index < text.count {
            guard text.isASCIIAlphanumeric(index), !text.isWordCharacter(index - 1) else {
                index += 1
                continue
            }
            var end = index
            var digits = 0
            var letters = 0
            while text.isASCIIAlphanumeric(end) || (text[end] == 0x2D && text.isASCIIAlphanumeric(end + 1)) {
                if text.isDigit(end) { digits += 1 } else if text.isASCIILetter(end) { letters += 1 }
                end += 1
            }
            if !text.isWordCharacter(end), (5...19).contains(digits + letters), digits >= 5, letters <= 2 {
                findings.append(PIIFinding(type: .usDriverLicense, span: index..<end, score: 0.2, detector: name))
            }
            index = end
        }
        return findings
    }
}
