/// Hugging Face's `BertNormalizer`, applied to UTF-8 bytes.
///
/// The steps run in the order of `tokenizers`: clean text (drop NUL, U+FFFD
/// and control/format/private-use scalars; turn whitespace into a space), put
/// spaces around Chinese characters, strip accents (NFD, then drop nonspacing
/// marks) and lowercase (Rust `char::to_lowercase`, one scalar at a time, so
/// no final-sigma or locale rules). Everything is done per Unicode scalar;
/// ASCII takes a byte-level fast path, and only runs of decomposable scalars or
/// combining marks are decomposed and canonically reordered.
struct BERTNormalizer: Sendable, Equatable {
    /// Remove control characters and map all whitespace to a space.
    var cleanText: Bool
    /// Surround CJK ideographs with spaces.
    var handleChineseChars: Bool
    /// Decompose (NFD) and drop nonspacing marks.
    var stripAccents: Bool
    /// Map every scalar to its full lowercase mapping.
    var lowercase: Bool

    /// Creates the normalizer a tokenizer configuration describes.
    init(configuration: TokenizerConfiguration) {
        cleanText = configuration.cleanText
        handleChineseChars = configuration.tokenizeChineseChars
        stripAccents = configuration.stripsAccents
        lowercase = configuration.lowercase
    }

    /// Appends the normalized UTF-8 form of `input` to `output`.
    func normalize(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var trace = NoTrace()
        normalize(input, into: &output, trace: &trace)
    }

    /// Appends the normalized UTF-8 form of `input` to `output`, telling `trace` which input scalar each
    /// output byte derives from.
    @inline(__always)
    func normalize<Trace: NormalizationTrace>(
        _ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], trace: inout Trace
    ) {
        var pending: [UInt32] = []
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte < 0x80 {
                let origin = index
                index += 1
                var emitted = byte
                if cleanText && (byte < 0x20 || byte == 0x7F) {
                    guard byte == 0x09 || byte == 0x0A || byte == 0x0D else {
                        continue  // deleted, so it does not end a run of combining marks
                    }
                    emitted = 0x20
                }
                if !pending.isEmpty {
                    flush(&pending, into: &output, trace: &trace)
                }
                output.append(lowercase && emitted &- 0x41 < 26 ? emitted | 0x20 : emitted)
                trace.emitted(upTo: output.count, from: origin)
                continue
            }
            let origin = index
            let (value, length) = UTF8Buffer.decode(input, at: index)
            index += length
            appendNonASCII(value, origin: origin, pending: &pending, into: &output, trace: &trace)
        }
        if !pending.isEmpty {
            flush(&pending, into: &output, trace: &trace)
        }
    }

    /// The normalised form of some UTF-8 bytes.
    func normalized(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        bytes.withUnsafeBufferPointer { normalize($0, into: &output) }
        return output
    }

    /// Runs one non-ASCII scalar through the steps, deferring those NFD must see together.
    @inline(__always)
    private func appendNonASCII<Trace: NormalizationTrace>(
        _ value: UInt32, origin: Int, pending: inout [UInt32], into output: inout [UInt8], trace: inout Trace
    ) {
        if cleanText {
            if BERTCharacterClass.isRemovedByCleanText(value) {
                return
            }
            if BERTCharacterClass.isWhitespace(value) {
                if !pending.isEmpty {
                    flush(&pending, into: &output, trace: &trace)
                }
                output.append(0x20)
                trace.emitted(upTo: output.count, from: origin)
                return
            }
        }
        guard let scalar = Unicode.Scalar(value) else {
            return
        }
        let isChinese = handleChineseChars && BERTCharacterClass.isChineseCharacter(value)
        if isChinese {
            if !pending.isEmpty {
                flush(&pending, into: &output, trace: &trace)
            }
            output.append(0x20)
            trace.emitted(upTo: output.count, from: origin)
        }
        if stripAccents {
            if BERTCharacterClass.isCanonicallyDecomposable(value)
                || BERTCharacterClass.isNonStarter(scalar)
            {
                let pendingCount = pending.count
                CanonicalDecomposition.append(value, to: &pending)
                trace.pended(pending.count - pendingCount, from: origin)
                if isChinese {
                    flush(&pending, into: &output, trace: &trace)
                    output.append(0x20)
                    trace.emitted(upTo: output.count, from: origin)
                }
                return
            }
            if !pending.isEmpty {
                flush(&pending, into: &output, trace: &trace)
            }
            if BERTCharacterClass.isNonspacingMark(value) {
                if isChinese {
                    output.append(0x20)
                    trace.emitted(upTo: output.count, from: origin)
                }
                return
            }
        }
        appendLowercased(scalar, into: &output)
        if isChinese {
            output.append(0x20)
        }
        trace.emitted(upTo: output.count, from: origin)
    }

    /// Emits a run of decomposed scalars in canonical order, minus nonspacing marks.
    ///
    /// A run holds decompositions and combining marks only; it ends at a
    /// starter that NFD leaves alone, so treating runs separately equals
    /// decomposing the whole text.
    @inline(__always)
    private func flush<Trace: NormalizationTrace>(
        _ pending: inout [UInt32], into output: inout [UInt8], trace: inout Trace
    ) {
        CanonicalDecomposition.reorder(&pending, trace: &trace)
        for (index, value) in pending.enumerated() where !BERTCharacterClass.isNonspacingMark(value) {
            if let scalar = Unicode.Scalar(value) {
                appendLowercased(scalar, into: &output)
                trace.emittedPending(index, upTo: output.count)
            }
        }
        pending.removeAll(keepingCapacity: true)
        trace.clearedPending()
    }

    /// Appends a scalar, lowercased when `lowercase` is set.
    @inline(__always)
    private func appendLowercased(_ scalar: Unicode.Scalar, into output: inout [UInt8]) {
        let value = scalar.value
        if value < 0x80 {
            let byte = UInt8(truncatingIfNeeded: value)
            output.append(lowercase && byte &- 0x41 < 26 ? byte | 0x20 : byte)
        } else if lowercase && BERTCharacterClass.changesWhenLowercased(scalar) {
            for lowered in scalar.properties.lowercaseMapping.unicodeScalars {
                UTF8Buffer.append(lowered.value, to: &output)
            }
        } else {
            UTF8Buffer.append(value, to: &output)
        }
    }
}
