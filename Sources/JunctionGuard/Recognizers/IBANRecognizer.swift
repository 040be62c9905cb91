/// `IBAN_CODE`: a country code, two check digits and the account part, at exactly that country's IBAN
/// length, passing the ISO 13616 mod-97 check. Letters of either case; spaces allowed between groups of
/// four (the printed form).
public struct IBANRecognizer: PIIRecognizer {
    /// Creates the recognizer.
    public init() {}

    /// `iban`.
    public var name: String { "iban" }
    /// Words that make an IBAN more likely.
    public var contextWords: [String] { ["iban", "bank", "account", "transfer", "wire", "sepa"] }

    /// IBAN lengths by country (ISO 13616 registry).
    static let lengths: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27,
        "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28,
        "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
        "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27,
        "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25,
        "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18,
        "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33,
        "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
        "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
    ]

    /// The IBANs in a text.
    public func findings(in text: ScalarText) -> [PIIFinding] {
        var findings: [PIIFinding] = []
        var index = 0
        while index + 15 <= text.count {
            guard text.isASCIILetter(index), text.isASCIILetter(index + 1), text.isDigit(index + 2),
                text.isDigit(index + 3), !text.isWordCharacter(index - 1),
                let length = Self.lengths[text.string(index..<index + 2).uppercased()],
                let span = Self.read(from: index, length: length, in: text)
            else {
                index += 1
                continue
            }
            findings.append(PIIFinding(type: .ibanCode, span: span, score: 1.0, detector: name))
            index = span.upperBound
        }
        return findings
    }

    /// The span of a valid IBAN of `length` characters starting at `start`, or `nil`.
    private static func read(from start: Int, length: Int, in text: ScalarText) -> Range<Int>? {
        var characters: [UInt32] = []
        var index = start
        while characters.count < length && index < text.count {
            if text.isASCIIAlphanumeric(index) {
                characters.append(text.lowercased(index))
                index += 1
            } else if text[index] == 0x20 && characters.count % 4 == 0 && text.isASCIIAlphanumeric(index + 1) {
                index += 1
            } else {
                break
            }
        }
        guard characters.count == length, !text.isASCIIAlphanumeric(index), passesMod97(characters) else {
            return nil
        }
        return start..<index
    }

    /// ISO 7064 mod 97-10 over the rearranged IBAN (letters as 10..35).
    static func passesMod97(_ characters: [UInt32]) -> Bool {
        var remainder = 0
        for value in characters.dropFirst(4) + characters.prefix(4) {
            if value &- 0x30 < 10 {
                remainder = (remainder * 10 + Int(value - 0x30)) % 97
            } else {
                remainder = (remainder * 100 + Int(value - 0x61 + 10)) % 97
            }
        }
        return remainder == 1
    }
}
