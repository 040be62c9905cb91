/// `CREDIT_CARD`: 12 to 19 digits, optionally in groups separated by spaces or hyphens, passing Luhn and
/// starting with a known issuer's prefix (Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay,
/// Maestro, RuPay, Mir, Verve, Troy). Unusual lengths (Maestro's 12, Visa's 19) are accepted, which
/// Presidio's 13-to-19 pattern misses.
public struct CreditCardRecognizer: PIIRecognizer {
    /// Creates the recognizer.
    public init() {}

    /// `credit_card`.
    public var name: String { "credit_card" }
    /// Words that make a card number more likely.
    public var contextWords: [String] {
        ["card", "credit", "debit", "visa", "mastercard", "amex", "discover", "payment", "cc", "jcb", "diners", "maestro"]
    }

    /// The card numbers in a text.
    public func findings(in text: ScalarText) -> [PIIFinding] {
        let runs = DigitRun.runs(in: text, allowing: { $0 == 0x20 || $0 == 0x2D }, allowPlus: false)
        return runs.compactMap { run in
            guard (12...19).contains(run.digits.count), run.separators.count <= 1,
                run.groups.count == 1 || run.groups.allSatisfy({ (3...6).contains($0) }),
                DigitRun.passesLuhn(run.digits), Self.hasIssuerPrefix(run), !Self.isRepeated(run.digits)
            else {
                return nil
            }
            return PIIFinding(type: .creditCard, span: run.span, score: 1.0, detector: name)
        }
    }

    /// Whether the number starts like a card of a known issuer with a length that issuer uses.
    static func hasIssuerPrefix(_ run: DigitRun) -> Bool {
        let length = run.digits.count
        let p1 = run.prefix(1), p2 = run.prefix(2), p3 = run.prefix(3), p4 = run.prefix(4), p6 = run.prefix(6)
        switch p1 {
        case 4: return [13, 16, 19].contains(length)  // Visa
        case 5:
            if (51...55).contains(p2) { return length == 16 }  // Mastercard
            if p2 == 50 || (56...59).contains(p2) { return length >= 12 }  // Maestro, Verve (506x)
            return false
        case 2:
            if (2221...2720).contains(p4) { return length == 16 }  // Mastercard 2-series
            if (2200...2204).contains(p4) { return (16...19).contains(length) }  // Mir
            if p4 == 2131 { return length == 15 || length == 16 }  // JCB (old)
            return false
        case 3:
            if p2 == 34 || p2 == 37 { return length == 15 }  // Amex
            if (300...305).contains(p3) || p2 == 36 || p2 == 38 || p2 == 39 || p3 == 309 {
                return (14...19).contains(length)  // Diners
            }
            if (3528...3589).contains(p4) { return (16...19).contains(length) }  // JCB
            return false
        case 6:
            if p4 == 6011 || (644...649).contains(p3) || p2 == 65 { return (16...19).contains(length) }  // Discover, RuPay
            if p2 == 62 || p2 == 81 { return (16...19).contains(length) }  // UnionPay
            if p2 == 60 || p2 == 63 || p2 == 64 || p2 == 66 || p2 == 67 || p2 == 68 || p2 == 69 {
                return length >= 12  // Maestro, RuPay (60), Troy (9792 below)
            }
            return p6 >= 622126 && p6 <= 622925
        case 1: return p4 == 1800 && length == 15  // JCB (old)
        case 9: return p4 == 9792 && length == 16  // Troy
        default: return false
        }
    }

    private static func isRepeated(_ digits: [UInt8]) -> Bool {
        Set(digits).count == 1
    }
}
