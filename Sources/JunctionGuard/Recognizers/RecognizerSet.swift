/// The structured recognizers run together: each one's candidates, context words applied, those under the
/// minimum score dropped, and overlaps resolved (the higher score wins, then the longer span), so a text
/// position carries at most one finding and an email's domain is never also a `DOMAIN_NAME`.
public struct RecognizerSet: Sendable {
    /// The recognizers, in no particular order.
    public var recognizers: [any PIIRecognizer]
    private let context = ContextEnhancer()

    /// Creates a set; the default holds every recognizer of this module.
    public init(recognizers: [any PIIRecognizer] = RecognizerSet.standard) {
        self.recognizers = recognizers
    }

    /// Every recognizer of this module.
    public static let standard: [any PIIRecognizer] = [
        EmailRecognizer(), URLRecognizer(), PhoneNumberRecognizer(), CreditCardRecognizer(), IBANRecognizer(),
        USSSNRecognizer(), IPAddressRecognizer(), CryptoWalletRecognizer(), SecretsRecognizer(),
        ZipCodeRecognizer(), USDriverLicenseRecognizer(),
    ]

    /// The findings of every recognizer scoring at least `minimumScore`, without overlaps, in text order.
    public func findings(in text: ScalarText, minimumScore: Double) -> [PIIFinding] {
        var candidates: [PIIFinding] = []
        for recognizer in recognizers {
            let words = recognizer.contextWords
            for finding in recognizer.findings(in: text) {
                let enhanced = context.enhanced(finding, words: words, in: text)
                if enhanced.score >= minimumScore {
                    candidates.append(enhanced)
                }
            }
        }
        return Self.withoutOverlaps(candidates)
    }

    /// Keeps the best of overlapping findings: higher score first, then the longer span.
    public static func withoutOverlaps(_ findings: [PIIFinding]) -> [PIIFinding] {
        let ranked = findings.sorted {
            $0.score != $1.score ? $0.score > $1.score : $0.span.count > $1.span.count
        }
        var kept: [PIIFinding] = []
        for finding in ranked where !kept.contains(where: { $0.span.overlaps(finding.span) }) {
            kept.append(finding)
        }
        return kept.sorted { $0.start < $1.start }
    }
}
