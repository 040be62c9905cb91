/// `PHONE_NUMBER`: an international number (`+CC`, then the national number at a length that country
/// uses; a `(0)` trunk prefix is allowed) or a national one in the formats of the US/CA (NANP area and
/// exchange codes), the UK, Germany, France, India and Brazil. Other groupings of 7 to 12 digits only
/// count with a context word (`phone`, `call`, `tel`...). Dates, SSN-shaped and IP-shaped runs are not
/// numbers.
public struct PhoneNumberRecognizer: PIIRecognizer {
    /// Creates the recognizer.
    public init() {}

    /// `phone_number`.
    public var name: String { "phone_number" }
    /// Words that make a phone number more likely.
    public var contextWords: [String] {
        ["phone", "call", "tel", "telephone", "mobile", "cell", "fax", "number", "contact", "whatsapp", "dial", "ring",
         "text", "sms", "reach", "landline", "handy", "telefon", "portable", "celular"]
    }

    /// The phone numbers in a text.
    public func findings(in text: ScalarText) -> [PIIFinding] {
        let runs = DigitRun.runs(
            in: text, allowing: { [0x20, 0x2D, 0x2E, 0x28, 0x29, 0x2F].contains($0) }, allowPlus: true)
        return runs.compactMap { run in
            guard (7...15).contains(run.digits.count), !Self.looksLikeDate(run), run.groups != [3, 2, 4],
                !(run.separators == [0x2E] && run.groups.count == 4 && run.groups.allSatisfy { $0 <= 3 })
            else {
                return nil
            }
            let score = run.international ? Self.internationalScore(run, in: text) : Self.nationalScore(run)
            guard score > 0 else {
                return nil
            }
            return PIIFinding(type: .phoneNumber, span: run.span, score: score, detector: name)
        }
    }

    /// National significant number lengths by country calling code.
    static let nationalLengths: [Int: ClosedRange<Int>] = [
        1: 10...10, 7: 10...10, 20: 8...10, 27: 9...9, 30: 10...10, 31: 9...9, 32: 8...9, 33: 9...9, 34: 9...9,
        36: 8...9, 39: 6...11, 40: 9...9, 41: 9...9, 43: 4...13, 44: 9...10, 45: 8...8, 46: 7...13, 47: 8...8,
        48: 9...9, 49: 6...13, 51: 8...9, 52: 10...10, 54: 10...11, 55: 10...11, 56: 9...9, 57: 10...10,
        60: 8...10, 61: 9...9, 62: 8...12, 63: 8...10, 64: 8...10, 65: 8...8, 66: 8...9, 81: 9...10, 82: 8...10,
        84: 9...10, 86: 11...11, 90: 10...10, 91: 10...10, 92: 10...10, 94: 9...9, 98: 10...10, 212: 9...9,
        234: 8...10, 254: 9...9, 351: 9...9, 352: 6...11, 353: 7...9, 354: 7...9, 358: 5...12, 370: 8...8,
        371: 8...8, 372: 7...8, 380: 9...9, 420: 9...9, 421: 9...9, 852: 8...8, 886: 9...9, 966: 9...9,
        971: 8...9, 972: 8...9,
    ]

    private static func internationalScore(_ run: DigitRun, in text: ScalarText) -> Double {
        var digits = run.digits
        // "+46 (0)8 ...": the trunk 0 in parentheses is not dialled from abroad.
        if let open = run.span.firstIndex(where: { text[$0] == 0x28 }), text[open + 1] == 0x30, text[open + 2] == 0x29 {
            let digitsBefore = run.span.lowerBound..<open
            let skip = digitsBefore.filter { text.isDigit($0) }.count
            if skip < digits.count { digits.remove(at: skip) }
        }
        for codeLength in 1...3 where digits.count > codeLength {
            let code = digits.prefix(codeLength).reduce(0) { $0 * 10 + Int($1) }
            if let lengths = nationalLengths[code] {
                return lengths.contains(digits.count - codeLength) ? 0.75 : 0
            }
        }
        return (8...15).contains(digits.count) ? 0.5 : 0
    }

    private static func nationalScore(_ run: DigitRun) -> Double {
        let digits = run.digits
        let count = digits.count
        let formatted = run.groups.count > 1
        // US/CA (NANP): [1] NXX NXX XXXX.
        let nanp = count == 11 && digits[0] == 1 ? Array(digits.dropFirst()) : digits
        if nanp.count == 10, nanp[0] >= 2, nanp[3] >= 2,
            run.groups == [3, 3, 4] || run.groups == [1, 3, 3, 4] || run.groups == [10] || run.groups == [11]
        {
            return formatted ? 0.6 : 0.3
        }
        if digits[0] == 0 && count >= 2 && digits[1] != 0 {
            // France: 0X XX XX XX XX.
            if count == 10 && run.groups == [2, 2, 2, 2, 2] { return 0.6 }
            // UK: 0 then 9 or 10 digits (01, 02, 03, 05, 07, 08, 09).
            if (10...11).contains(count) && [1, 2, 3, 5, 7, 8, 9].contains(digits[1]) { return formatted ? 0.5 : 0.3 }
            // Brazil: (0XX) with the carrier-less area code, India: 0 + 10 digits, Germany: 0 + 6..11 digits.
            if (7...12).contains(count) { return formatted ? 0.4 : 0.2 }
        }
        // Brazil: (DD) 9XXXX-XXXX or (DD) XXXX-XXXX.
        if (10...11).contains(count) && digits[0] != 0 && digits[1] != 0 && run.separators.contains(0x28)
            && run.groups.first == 2
        {
            return 0.6
        }
        // India: 10-digit mobile numbers start with 6-9.
        if count == 10 && digits[0] >= 6 && (run.groups == [5, 5] || run.groups == [10] || run.groups == [3, 3, 4]) {
            return formatted ? 0.4 : 0.2
        }
        // Anything else needs a context word to reach the usual thresholds.
        return formatted && count <= 12 ? 0.2 : 0.05
    }

    /// `2000-04-16`, `16/04/2000`, `4.16.00`: three groups that read as a year, month and day.
    private static func looksLikeDate(_ run: DigitRun) -> Bool {
        let groups = run.groups
        guard groups.count >= 3, run.separators.isDisjoint(with: [0x28, 0x29, 0x20]) else {
            return false
        }
        var values: [Int] = []
        var position = 0
        for length in groups.prefix(3) {
            values.append(run.digits[position..<(position + length)].reduce(0) { $0 * 10 + Int($1) })
            position += length
        }
        if groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2 {
            return (1...12).contains(values[1]) && (1...31).contains(values[2])
        }
        let dayMonth = (1...31).contains(values[0]) && (1...31).contains(values[1]) && min(values[0], values[1]) <= 12
        return groups.count == 3 && groups[0] <= 2 && groups[1] <= 2 && (groups[2] == 4 || groups[2] == 2) && dayMonth
    }
}
