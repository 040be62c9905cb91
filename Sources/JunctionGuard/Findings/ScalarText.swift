/// A text as an array of Unicode scalar values, the unit of every span the guard reports.
///
/// Recognizers scan these values with hand-written loops (Foundation's regular expressions are slow on
/// Linux), and a span in this array is a Python string slice of the original text.
public struct ScalarText: Sendable {
    /// The original text.
    public let text: String
    /// Its Unicode scalar values.
    public let values: [UInt32]

    /// Splits a text into its scalars.
    public init(_ text: String) {
        self.text = text
        self.values = text.unicodeScalars.map(\.value)
    }

    /// Number of scalars.
    public var count: Int { values.count }

    /// The scalar value at `index`, or 0 outside the text.
    @inline(__always)
    public subscript(index: Int) -> UInt32 {
        index >= 0 && index < values.count ? values[index] : 0
    }

    /// The text of a span.
    public func string(_ span: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        for value in values[span] {
            if let scalar = Unicode.Scalar(value) {
                view.append(scalar)
            }
        }
        return String(view)
    }

    /// Whether the scalar at `index` is an ASCII digit.
    @inline(__always)
    public func isDigit(_ index: Int) -> Bool { self[index] &- 0x30 < 10 }

    /// Whether the scalar at `index` is an ASCII letter.
    @inline(__always)
    public func isASCIILetter(_ index: Int) -> Bool { (self[index] | 0x20) &- 0x61 < 26 }

    /// Whether the scalar at `index` is an ASCII letter or digit.
    @inline(__always)
    public func isASCIIAlphanumeric(_ index: Int) -> Bool { isDigit(index) || isASCIILetter(index) }

    /// Whether the scalar at `index` is a letter or digit in any script (a word character).
    public func isWordCharacter(_ index: Int) -> Bool {
        let value = self[index]
        if value < 0x80 {
            return isASCIIAlphanumeric(index) || value == 0x5F
        }
        guard let scalar = Unicode.Scalar(value) else {
            return false
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Whether the scalar at `index` is whitespace (or outside the text).
    @inline(__always)
    public func isSpaceOrEdge(_ index: Int) -> Bool {
        guard index >= 0 && index < values.count else {
            return true
        }
        let value = values[index]
        return value == 0x20 || value &- 0x09 < 5 || (value >= 0x80 && Unicode.Scalar(value)?.properties.isWhitespace == true)
    }

    /// The ASCII-lowercased scalar at `index`.
    @inline(__always)
    public func lowercased(_ index: Int) -> UInt32 {
        let value = self[index]
        return value &- 0x41 < 26 ? value | 0x20 : value
    }

    /// Whether `literal` (ASCII) occurs at `index`, ignoring ASCII case when `caseInsensitive`.
    public func matches(_ literal: String, at index: Int, caseInsensitive: Bool = false) -> Bool {
        var position = index
        for byte in literal.utf8 {
            let value = caseInsensitive ? lowercased(position) : self[position]
            let expected = caseInsensitive && byte &- 0x41 < 26 ? UInt32(byte | 0x20) : UInt32(byte)
            guard position < values.count, value == expected else {
                return false
            }
            position += 1
        }
        return true
    }

    /// The digits of a span, separators skipped.
    public func digits(_ span: Range<Int>) -> [UInt8] {
        span.compactMap { isDigit($0) ? UInt8(values[$0] - 0x30) : nil }
    }
}
