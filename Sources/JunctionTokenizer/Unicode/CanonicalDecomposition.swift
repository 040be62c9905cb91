import Foundation

/// Canonical decomposition (NFD) of the scalars Hugging Face decomposes.
///
/// The set of decomposable scalars is `tokenizers`' own
/// (``HuggingFaceUnicodeTables/canonicallyDecomposable``); their decompositions
/// are computed once with Foundation, and Hangul syllables algorithmically, so
/// tokenizing never builds a `String` to normalise it.
enum CanonicalDecomposition {
    /// Full decompositions of every decomposable scalar other than Hangul syllables.
    private static let table: [UInt32: [UInt32]] = {
        var table: [UInt32: [UInt32]] = [:]
        let ranges = HuggingFaceUnicodeTables.canonicallyDecomposable
        for pair in stride(from: 0, to: ranges.count, by: 2) {
            for value in ranges[pair]...ranges[pair + 1] where !isHangulSyllable(value) {
                guard let scalar = Unicode.Scalar(value) else {
                    continue
                }
                let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
                table[value] = decomposed.map(\.value)
            }
        }
        return table
    }()

    /// Builds the decomposition table now rather than on the first accented text.
    static func prepare() {
        _ = table.count
    }

    private static let hangulBase: UInt32 = 0xAC00
    private static let hangulCount: UInt32 = 11172

    @inline(__always)
    private static func isHangulSyllable(_ value: UInt32) -> Bool {
        value &- hangulBase < hangulCount
    }

    /// Appends the canonical decomposition of a scalar (or the scalar itself) to `output`.
    static func append(_ value: UInt32, to output: inout [UInt32]) {
        if isHangulSyllable(value) {
            let index = value - hangulBase
            output.append(0x1100 + index / 588)
            output.append(0x1161 + (index % 588) / 28)
            if index % 28 != 0 {
                output.append(0x11A7 + index % 28)
            }
        } else if BERTCharacterClass.isCanonicallyDecomposable(value), let decomposed = table[value] {
            output.append(contentsOf: decomposed)
        } else {
            output.append(value)
        }
    }

    /// Puts each sequence of combining marks in canonical order (stable sort by combining class), telling
    /// `trace` of every swap.
    @inline(__always)
    static func reorder<Trace: NormalizationTrace>(_ scalars: inout [UInt32], trace: inout Trace) {
        guard scalars.count > 1 else {
            return
        }
        for index in 1..<scalars.count {
            let combiningClass = self.combiningClass(scalars[index])
            guard combiningClass != 0 else {
                continue
            }
            var position = index
            while position > 0 && self.combiningClass(scalars[position - 1]) > combiningClass {
                scalars.swapAt(position - 1, position)
                trace.swappedPending(at: position)
                position -= 1
            }
        }
    }

    /// The canonical combining class of a scalar (0 for starters).
    @inline(__always)
    static func combiningClass(_ value: UInt32) -> UInt8 {
        guard value >= 0x300, let scalar = Unicode.Scalar(value) else {
            return 0
        }
        return scalar.properties.canonicalCombiningClass.rawValue
    }
}
