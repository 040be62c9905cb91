/// The character predicates of Hugging Face's BERT pipeline, on raw scalar values.
///
/// Classes that depend on Unicode general categories come from
/// ``HuggingFaceUnicodeTables`` (probed from `tokenizers` itself) rather than
/// from `Unicode.Scalar.Properties`, whose newer Unicode data disagrees with
/// `tokenizers` on recently assigned scalars. For the Basic Multilingual Plane
/// the classes are expanded once into a 64 KiB flag table, so a check is one load.
enum BERTCharacterClass {
    private static let removedFlag: UInt8 = 1
    private static let punctuationFlag: UInt8 = 2
    private static let nonspacingMarkFlag: UInt8 = 4
    private static let decomposableFlag: UInt8 = 8
    private static let nonStarterFlag: UInt8 = 16
    private static let changesWhenLowercasedFlag: UInt8 = 32

    /// Flags of every scalar below U+10000, built on first use.
    private static let basicPlaneFlags: [UInt8] = {
        var flags = [UInt8](repeating: 0, count: 0x10000)
        let tables: [([UInt32], UInt8)] = [
            (HuggingFaceUnicodeTables.removedByCleanText, removedFlag),
            (HuggingFaceUnicodeTables.punctuation, punctuationFlag),
            (HuggingFaceUnicodeTables.nonspacingMarks, nonspacingMarkFlag),
            (HuggingFaceUnicodeTables.canonicallyDecomposable, decomposableFlag),
        ]
        for (ranges, flag) in tables {
            for pair in stride(from: 0, to: ranges.count, by: 2) where ranges[pair] < 0x10000 {
                for value in ranges[pair]...min(ranges[pair + 1], 0xFFFF) {
                    flags[Int(value)] |= flag
                }
            }
        }
        for value in 0..<0x10000 {
            guard let properties = Unicode.Scalar(UInt32(value))?.properties else {
                continue
            }
            if properties.canonicalCombiningClass != .notReordered {
                flags[value] |= nonStarterFlag
            }
            if properties.changesWhenLowercased {
                flags[value] |= changesWhenLowercasedFlag
            }
        }
        return flags
    }()

    /// Builds the flag table now rather than on the first non-ASCII text.
    static func prepare() {
        _ = basicPlaneFlags.count
    }

    @inline(__always)
    private static func basicPlaneFlag(_ value: UInt32, _ flag: UInt8) -> Bool {
        basicPlaneFlags.withUnsafeBufferPointer { $0[Int(value)] & flag != 0 }
    }

    /// Whether `tokenizers` treats the scalar as whitespace (Rust `char::is_whitespace`).
    @inline(__always)
    static func isWhitespace(_ value: UInt32) -> Bool {
        if value < 0x80 {
            return value == 0x20 || (value >= 0x09 && value <= 0x0D)
        }
        switch value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Whether BertNormalizer's `clean_text` deletes the scalar (NUL, U+FFFD, Cc, Cf, Co).
    @inline(__always)
    static func isRemovedByCleanText(_ value: UInt32) -> Bool {
        if value < 0x80 {
            return value == 0x7F || (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D)
        }
        if value < 0x10000 {
            return basicPlaneFlag(value, removedFlag)
        }
        return HuggingFaceUnicodeTables.removedByCleanText.containsScalar(value)
    }

    /// Whether BertPreTokenizer isolates the scalar as punctuation.
    @inline(__always)
    static func isPunctuation(_ value: UInt32) -> Bool {
        if value < 0x80 {
            return (value >= 33 && value <= 47) || (value >= 58 && value <= 64)
                || (value >= 91 && value <= 96) || (value >= 123 && value <= 126)
        }
        if value < 0x10000 {
            return basicPlaneFlag(value, punctuationFlag)
        }
        return HuggingFaceUnicodeTables.punctuation.containsScalar(value)
    }

    /// Whether the scalar is a "Chinese character" for `handle_chinese_chars`.
    ///
    /// These are the exact ranges of `tokenizers`, including its `0x2B920` lower
    /// bound for CJK Extension E (so U+2B820...U+2B91F are not included).
    @inline(__always)
    static func isChineseCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
            0x2B740...0x2B81F, 0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }

    /// Whether `strip_accents` removes the scalar after NFD (general category Mn).
    @inline(__always)
    static func isNonspacingMark(_ value: UInt32) -> Bool {
        if value < 0x10000 {
            return value >= 0x300 && basicPlaneFlag(value, nonspacingMarkFlag)
        }
        return HuggingFaceUnicodeTables.nonspacingMarks.containsScalar(value)
    }

    /// Whether NFD changes the scalar (it has a canonical decomposition).
    @inline(__always)
    static func isCanonicallyDecomposable(_ value: UInt32) -> Bool {
        if value < 0x10000 {
            return value >= 0xC0 && basicPlaneFlag(value, decomposableFlag)
        }
        return HuggingFaceUnicodeTables.canonicallyDecomposable.containsScalar(value)
    }

    /// Whether the scalar has a non-zero canonical combining class (Swift's Unicode data).
    @inline(__always)
    static func isNonStarter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x10000 {
            return value >= 0x300 && basicPlaneFlag(value, nonStarterFlag)
        }
        return scalar.properties.canonicalCombiningClass != .notReordered
    }

    /// Whether lowercasing changes the scalar (Swift's Unicode data).
    @inline(__always)
    static func changesWhenLowercased(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x10000 {
            return basicPlaneFlag(value, changesWhenLowercasedFlag)
        }
        return scalar.properties.changesWhenLowercased
    }

    /// Whether the scalar matches the regular expression class `\w` (Rust `regex`).
    ///
    /// Used only for the `single_word` option of added tokens.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic || properties.isJoinControl {
            return true
        }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation:
            return true
        default:
            return false
        }
    }
}

extension Array where Element == UInt32 {
    /// Binary search in a flat list of sorted, inclusive `first, last` pairs.
    @inline(__always)
    func containsScalar(_ value: UInt32) -> Bool {
        withUnsafeBufferPointer { pairs in
            var low = 0
            var high = pairs.count / 2
            while low < high {
                let middle = (low &+ high) >> 1
                if pairs[middle &* 2 &+ 1] < value {
                    low = middle &+ 1
                } else {
                    high = middle
                }
            }
            return low < pairs.count / 2 && pairs[low &* 2] <= value
        }
    }
}
