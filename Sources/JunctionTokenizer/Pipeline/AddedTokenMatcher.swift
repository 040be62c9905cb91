import Foundation

/// Finds added tokens (such as `[MASK]`) in UTF-8 text, as Hugging Face's `AddedVocabulary` does.
///
/// Matching is leftmost-longest and non-overlapping (Aho-Corasick
/// `LeftmostLongest` in `tokenizers`). A `single_word` match touching a word
/// character is discarded and the search resumes after it, exactly like the
/// Rust loop that skips it.
struct AddedTokenMatcher: Sendable {
    /// One token the matcher looks for.
    struct Pattern: Sendable {
        /// UTF-8 bytes to find.
        var bytes: [UInt8]
        /// Vocabulary id emitted for a match.
        var id: Int32
        /// Reject matches next to word characters.
        var singleWord: Bool
    }

    /// Patterns, longest first so the first hit at a position is the longest.
    private let patterns: [Pattern]
    /// Bit set of the first bytes of all patterns, for a cheap scan.
    private let firstBytes: (UInt64, UInt64, UInt64, UInt64)
    /// The first byte of every pattern when they all share it (`[` for BERT), for `memchr`.
    private let sharedFirstByte: UInt8?

    /// Creates a matcher; empty patterns are ignored.
    init(patterns: [Pattern]) {
        let usable = patterns.filter { !$0.bytes.isEmpty }.sorted { $0.bytes.count > $1.bytes.count }
        var bits: [UInt64] = [0, 0, 0, 0]
        for pattern in usable {
            let first = Int(pattern.bytes[0])
            bits[first >> 6] |= 1 << UInt64(first & 63)
        }
        self.patterns = usable
        self.firstBytes = (bits[0], bits[1], bits[2], bits[3])
        let firsts = Set(usable.map { $0.bytes[0] })
        self.sharedFirstByte = firsts.count == 1 ? firsts.first : nil
    }

    /// Whether there is nothing to match.
    var isEmpty: Bool { patterns.isEmpty }

    /// The first accepted match at or after `start`, as a byte range and an id.
    func nextMatch(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> (range: Range<Int>, id: Int32)? {
        var index = start
        while index < text.count {
            if let byte = sharedFirstByte {
                guard let found = Self.firstIndex(of: byte, in: text, from: index) else {
                    return nil
                }
                index = found
            }
            guard mayStart(with: text[index]), let pattern = longestPattern(in: text, at: index) else {
                index += 1
                continue
            }
            let end = index + pattern.bytes.count
            if pattern.singleWord && !isSingleWord(in: text, range: index..<end) {
                index = end
                continue
            }
            return (index..<end, pattern.id)
        }
        return nil
    }

    /// `memchr`: the index of the next `byte` at or after `start`.
    private static func firstIndex(of byte: UInt8, in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = text.baseAddress, start < text.count,
            let found = memchr(base + start, Int32(byte), text.count - start)
        else {
            return nil
        }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    @inline(__always)
    private func mayStart(with byte: UInt8) -> Bool {
        let word: UInt64
        switch byte >> 6 {
        case 0: word = firstBytes.0
        case 1: word = firstBytes.1
        case 2: word = firstBytes.2
        default: word = firstBytes.3
        }
        return word & (1 << UInt64(byte & 63)) != 0
    }

    private func longestPattern(in text: UnsafeBufferPointer<UInt8>, at index: Int) -> Pattern? {
        let remaining = text.count - index
        for pattern in patterns where pattern.bytes.count <= remaining {
            var offset = 0
            while offset < pattern.bytes.count && pattern.bytes[offset] == text[index + offset] {
                offset += 1
            }
            if offset == pattern.bytes.count {
                return pattern
            }
        }
        return nil
    }

    /// Rust: `start == 0 || !ends_with_word(before)` and `end == len || !starts_with_word(after)`.
    private func isSingleWord(in text: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> Bool {
        if range.lowerBound > 0 {
            let before = UTF8Buffer.decode(text, before: range.lowerBound)
            if let scalar = Unicode.Scalar(before), BERTCharacterClass.isWordCharacter(scalar) {
                return false
            }
        }
        if range.upperBound < text.count {
            let after = UTF8Buffer.decode(text, at: range.upperBound).value
            if let scalar = Unicode.Scalar(after), BERTCharacterClass.isWordCharacter(scalar) {
                return false
            }
        }
        return true
    }
}
