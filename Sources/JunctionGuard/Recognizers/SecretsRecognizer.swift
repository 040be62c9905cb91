import Foundation

/// `SECRETS`: credentials pasted into prompts. API keys in their providers' formats (OpenAI and other
/// `sk-` keys, AWS access key ids, GitHub `ghp_`/`gho_`/`ghu_`/`ghs_`/`ghr_` and fine-grained
/// `github_pat_` tokens, Slack `xox?-` tokens, Stripe secret and restricted keys and webhook secrets,
/// Google `AIza` keys), PEM private key blocks, JSON Web Tokens (whose header must decode to JSON naming
/// an `alg`) and the token of an `Authorization: Bearer` header.
public struct SecretsRecognizer: PIIRecognizer {
    /// Creates the recognizer.
    public init() {}

    /// `secrets`.
    public var name: String { "secrets" }

    /// A key format: a literal prefix and the characters and length of what follows.
    private struct KeyFormat: Sendable {
        var prefix: String
        var body: @Sendable (UInt32) -> Bool
        var lengths: ClosedRange<Int>
        var caseInsensitive = false
    }

    private static func isKeyCharacter(_ value: UInt32) -> Bool {
        value &- 0x30 < 10 || (value | 0x20) &- 0x61 < 26 || value == 0x5F || value == 0x2D
    }

    private static func isAlphanumeric(_ value: UInt32) -> Bool {
        value &- 0x30 < 10 || (value | 0x20) &- 0x61 < 26
    }

    private static func isUpperOrDigit(_ value: UInt32) -> Bool {
        value &- 0x30 < 10 || value &- 0x41 < 26
    }

    private static func isTokenCharacter(_ value: UInt32) -> Bool {
        isKeyCharacter(value) || value == 0x2E || value == 0x7E || value == 0x2B || value == 0x2F || value == 0x3D
    }

    private static let formats: [KeyFormat] = {
        var formats = [
            KeyFormat(prefix: "sk-", body: isKeyCharacter, lengths: 20...200),
            KeyFormat(prefix: "github_pat_", body: isKeyCharacter, lengths: 22...255),
            KeyFormat(prefix: "AIza", body: isKeyCharacter, lengths: 35...35),
            KeyFormat(prefix: "whsec_", body: isAlphanumeric, lengths: 24...64),
        ]
        for prefix in ["AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "AIPA"] {
            formats.append(KeyFormat(prefix: prefix, body: isUpperOrDigit, lengths: 16...16))
        }
        for prefix in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"] {
            formats.append(KeyFormat(prefix: prefix, body: isAlphanumeric, lengths: 36...255))
        }
        for kind in ["b", "p", "a", "r", "s", "e"] {
            formats.append(KeyFormat(prefix: "xox\(kind)-", body: isKeyCharacter, lengths: 10...255))
        }
        for kind in ["sk_live_", "sk_test_", "rk_live_", "rk_test_"] {
            formats.append(KeyFormat(prefix: kind, body: isAlphanumeric, lengths: 16...255))
        }
        return formats
    }()

    /// The secrets in a text.
    public func findings(in text: ScalarText) -> [PIIFinding] {
        var findings: [PIIFinding] = []
        var index = 0
        while index < text.count {
            if text[index] == 0x2D, let end = Self.privateKeyEnd(from: index, in: text) {
                findings.append(PIIFinding(type: .secrets, span: index..<end, score: 1.0, detector: name))
                index = end
                continue
            }
            guard text.isASCIIAlphanumeric(index), !Self.isKeyCharacter(text[index - 1]) else {
                index += 1
                continue
            }
            if let span = keyOrToken(at: index, in: text) {
                findings.append(PIIFinding(type: .secrets, span: span.range, score: span.score, detector: name))
                index = span.range.upperBound
            } else {
                index += 1
            }
        }
        return findings
    }

    private func keyOrToken(at index: Int, in text: ScalarText) -> (range: Range<Int>, score: Double)? {
        for format in Self.formats where text.matches(format.prefix, at: index) {
            let bodyStart = index + format.prefix.utf8.count
            var end = bodyStart
            while end < text.count && format.body(text[end]) {
                end += 1
            }
            if format.lengths.contains(end - bodyStart), !Self.isKeyCharacter(text[end]) {
                return (index..<end, 1.0)
            }
        }
        if text.matches("eyJ", at: index), let end = Self.jwtEnd(from: index, in: text) {
            return (index..<end, 1.0)
        }
        if text.matches("bearer ", at: index, caseInsensitive: true) {
            let start = index + 7
            var end = start
            while end < text.count && Self.isTokenCharacter(text[end]) {
                end += 1
            }
            if end - start >= 16 {
                return (start..<end, 0.8)
            }
        }
        return nil
    }

    /// The end of a `-----BEGIN ... PRIVATE KEY-----` block (its END line, or the text's end if cut off).
    private static func privateKeyEnd(from start: Int, in text: ScalarText) -> Int? {
        guard text.matches("-----BEGIN ", at: start) else {
            return nil
        }
        var index = start + 11
        while index < text.count && index - start < 60 && text[index] != 0x0A {
            if text.matches("PRIVATE KEY-----", at: index) {
                index += 16
                while index < text.count {
                    if text.matches("-----END ", at: index) {
                        var end = index + 9
                        while end < text.count && !text.matches("-----", at: end) && text[end] != 0x0A {
                            end += 1
                        }
                        return text.matches("-----", at: end) ? end + 5 : end
                    }
                    index += 1
                }
                return text.count
            }
            index += 1
        }
        return nil
    }

    /// The end of a JWT (three base64url parts) starting at `start` whose header names an `alg`.
    private static func jwtEnd(from start: Int, in text: ScalarText) -> Int? {
        var parts: [Range<Int>] = []
        var index = start
        while parts.count < 3 {
            let partStart = index
            while isKeyCharacter(text[index]) {
                index += 1
            }
            guard index - partStart >= (parts.count == 2 ? 8 : 10) else {
                return nil
            }
            parts.append(partStart..<index)
            if parts.count < 3 {
                guard text[index] == 0x2E else { return nil }
                index += 1
            }
        }
        var header = text.string(parts[0]).replacingOccurrences(of: "-", with: "+")
            .replacingOccurrences(of: "_", with: "/")
        header += String(repeating: "=", count: (4 - header.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: header), let json = String(data: data, encoding: .utf8),
            json.contains("\"alg\"")
        else {
            return nil
        }
        return index
    }
}
