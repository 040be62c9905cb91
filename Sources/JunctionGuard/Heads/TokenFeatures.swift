/// Surface features of a token read from the ORIGINAL text, appended to its hidden state.
///
/// The default encoder is uncased: its token states cannot see that `Rubija` is capitalised or that a
/// line ends after a token, which is most of what tells a name or an address in isolation. These few
/// 0/1 features put that back; they are cheap (a few comparisons per token).
enum TokenFeatures {
    /// Number of features.
    static let count = 12

    /// Appends the features of the token spanning `span` in `text` to `output`.
    static func append(span: Range<Int>, isContinuation: Bool, text: ScalarText, to output: inout [Float]) {
        let first = span.lowerBound
        var letters = 0, upper = 0, digits = 0, nonASCII = 0
        for index in span {
            let value = text[index]
            if text.isDigit(index) {
                digits += 1
            } else if let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic {
                letters += 1
                if scalar.properties.isUppercase { upper += 1 }
                if value >= 0x80 { nonASCII += 1 }
            }
        }
        var wordStart = first
        while wordStart > 0 && text.isWordCharacter(wordStart - 1) { wordStart -= 1 }
        let previousWord = previousWordStart(before: wordStart, in: text)
        var wordEnd = span.upperBound
        while text.isWordCharacter(wordEnd) { wordEnd += 1 }
        var nextStart = wordEnd
        while nextStart < text.count && text.isSpaceOrEdge(nextStart) && text[nextStart] != 0x0A { nextStart += 1 }
        var before = wordStart - 1
        while before >= 0 && text[before] == 0x20 { before -= 1 }
        let startsSentence = before < 0 || [0x2E, 0x21, 0x3F, 0x0A, 0x3A].contains(text[before])
        output.append(isUpper(text[first]) ? 1 : 0)
        output.append(letters > 0 && upper == letters ? 1 : 0)
        output.append(digits > 0 ? 1 : 0)
        output.append(digits > 0 && digits == span.count ? 1 : 0)
        output.append(isContinuation ? 1 : 0)
        output.append(isUpper(text[wordStart]) ? 1 : 0)
        output.append(previousWord.map { isUpper(text[$0]) } == true ? 1 : 0)
        output.append(nextStart < text.count && isUpper(text[nextStart]) ? 1 : 0)
        output.append(letters == 0 && digits == 0 ? 1 : 0)
        output.append(startsSentence ? 1 : 0)
        output.append(nonASCII > 0 ? 1 : 0)
        output.append(text[wordEnd] == 0x0A || text[wordEnd] == 0x2C ? 1 : 0)
    }

    private static func isUpper(_ value: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(value) else { return false }
        return scalar.properties.isUppercase
    }

    private static func previousWordStart(before index: Int, in text: ScalarText) -> Int? {
        var end = index
        while end > 0 && !text.isWordCharacter(end - 1) {
            if text[end - 1] == 0x0A || text[end - 1] == 0x2E { return nil }
            end -= 1
        }
        guard end > 0 else { return nil }
        var start = end
        while start > 0 && text.isWordCharacter(start - 1) { start -= 1 }
        return start
    }
}
