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
        text.asciiWords(hyphens: true).compactMap { word in
            let digits = word.filter { text.isDigit($0) }.count
            let letters = word.filter { text.isASCIILetter($0) }.count
            guard (5...19).contains(digits + letters), digits >= 5, letters <= 2 else {
                return nil
            }
            return PIIFinding(type: .usDriverLicense, span: word, score: 0.2, detector: name)
        }
    }
}
