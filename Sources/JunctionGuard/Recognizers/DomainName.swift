/// Reading host names: labels of letters, digits and inner hyphens, dot-separated, ending in a TLD.
enum DomainName {
    /// The end of the valid host name that starts at `start` (at least two labels, an alphabetic TLD of
    /// 2 to 24 letters), or `nil`. A trailing dot (end of a sentence) is not part of it.
    static func end(from start: Int, in text: ScalarText) -> Int? {
        var index = start
        var labels = 0
        var lastLabel = start..<start
        while true {
            let labelStart = index
            while isLabelCharacter(text[index]) {
                index += 1
            }
            guard index > labelStart, text[labelStart] != 0x2D, text[index - 1] != 0x2D, index - labelStart <= 63
            else {
                return labels >= 2 ? lastLabel.upperBound : nil
            }
            labels += 1
            lastLabel = labelStart..<index
            guard text[index] == 0x2E, isLabelCharacter(text[index + 1]) else {
                break
            }
            index += 1
        }
        guard labels >= 2, isTopLevel(lastLabel, in: text) else {
            return nil
        }
        return lastLabel.upperBound
    }

    /// Whether a label can end a domain: 2 to 24 letters (`com`, `se`, `museum`) or an IDN `xn--` label.
    static func isTopLevel(_ label: Range<Int>, in text: ScalarText) -> Bool {
        if text.matches("xn--", at: label.lowerBound, caseInsensitive: true) {
            return true
        }
        return (2...24).contains(label.count) && label.allSatisfy { text.isASCIILetter($0) }
    }

    @inline(__always)
    static func isLabelCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D: true
        default: value >= 0xC0 && Unicode.Scalar(value)?.properties.isAlphabetic == true
        }
    }
}
