/// `IP_ADDRESS`: dotted-quad IPv4 (each part 0-255, not inside a longer run of numbers or dots) and IPv6
/// (hex groups with at most one `::`, eight groups without it, an IPv4 tail allowed; at least two colons,
/// so clock times such as `12:30:45` never match).
public struct IPAddressRecognizer: PIIRecognizer {
    /// Creates the recognizer.
    public init() {}

    /// `ip_address`.
    public var name: String { "ip_address" }
    /// Words that make an address more likely.
    public var contextWords: [String] { ["ip", "ipv4", "ipv6", "address", "host", "server"] }

    /// The IP addresses in a text.
    public func findings(in text: ScalarText) -> [PIIFinding] {
        var findings: [PIIFinding] = []
        var index = 0
        while index < text.count {
            let boundary = !Self.isHexDigit(text[index - 1]) && text[index - 1] != 0x2E && text[index - 1] != 0x3A
            if boundary, let end = Self.ipv6End(from: index, in: text) {
                findings.append(PIIFinding(type: .ipAddress, span: index..<end, score: 0.85, detector: name))
                index = end
            } else if boundary, let end = Self.ipv4End(from: index, in: text), !text.isASCIIAlphanumeric(end),
                !(text[end] == 0x2E && text.isDigit(end + 1))
            {
                findings.append(PIIFinding(type: .ipAddress, span: index..<end, score: 0.85, detector: name))
                index = end
            } else {
                index += 1
            }
        }
        return findings
    }

    /// The end of a dotted-quad IPv4 address starting at `start`, or `nil`.
    static func ipv4End(from start: Int, in text: ScalarText) -> Int? {
        var index = start
        for part in 0..<4 {
            if part > 0 {
                guard text[index] == 0x2E else { return nil }
                index += 1
            }
            var value = 0
            let partStart = index
            while text.isDigit(index) && index - partStart < 3 {
                value = value * 10 + Int(text[index] - 0x30)
                index += 1
            }
            guard index > partStart, value <= 255, !text.isDigit(index) else { return nil }
        }
        return index
    }

    /// The end of an IPv6 address starting at `start`, or `nil`.
    static func ipv6End(from start: Int, in text: ScalarText) -> Int? {
        var index = start
        var groups = 0
        var compressed = false
        var colons = 0
        var lastEnd = start
        if text[index] == 0x3A && text[index + 1] == 0x3A {
            compressed = true
            colons = 2
            index += 2
            lastEnd = index
        }
        while true {
            let groupStart = index
            if groups < 7, let v4End = ipv4End(from: index, in: text), groups > 0 || compressed {
                groups += 2
                lastEnd = v4End
                break
            }
            while Self.isHexDigit(text[index]) && index - groupStart < 4 {
                index += 1
            }
            if index == groupStart {
                break
            }
            guard !Self.isHexDigit(text[index]) else { return nil }
            groups += 1
            lastEnd = index
            guard text[index] == 0x3A else { break }
            if text[index + 1] == 0x3A {
                guard !compressed else { return nil }
                compressed = true
                colons += 2
                index += 2
                lastEnd = index
            } else if Self.isHexDigit(text[index + 1]) {
                colons += 1
                index += 1
            } else {
                break
            }
        }
        guard colons >= 2, compressed ? groups <= 7 : groups == 8, !text.isWordCharacter(lastEnd) else {
            return nil
        }
        // `::` alone or a bare `a::` is too weak to call an address.
        guard groups >= 1, lastEnd - start >= 3 else { return nil }
        return lastEnd
    }

    @inline(__always)
    static func isHexDigit(_ value: UInt32) -> Bool {
        value &- 0x30 < 10 || (value | 0x20) &- 0x61 < 6
    }
}
