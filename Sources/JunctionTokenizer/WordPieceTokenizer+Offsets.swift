extension WordPieceTokenizer {
    /// Encodes a text as ``encode(_:)`` does and also says where each token came from: the
    /// ``TokenizedText/offsets`` in Unicode scalars of `text`, exactly as Hugging Face `tokenizers` maps them
    /// through normalisation (lowercasing, accent stripping and cleaning change the bytes; each normalised
    /// byte keeps the original scalar it derives from, and a token spans its first to its last one).
    ///
    /// `maxLength` (default: the configuration's) bounds the ids as in ``encode(_:)``; pass `Int.max` to
    /// keep every piece, for callers that scan long texts in windows. The ids equal ``encode(_:)``'s when
    /// `maxLength` is the configuration's; this path costs more than ``encode(_:)``, which stays offset-free.
    public func encodeWithOffsets(_ text: String, maxLength: Int? = nil) -> TokenizedText {
        let pieceLimit = max(0, (maxLength ?? configuration.maxLength) &- 2)
        var sink = TokenSpans()
        appendPieces(of: text, limit: pieceLimit, to: &sink)
        sink.truncate(to: pieceLimit)
        var ids: [Int32] = [classifierID]
        ids.reserveCapacity(sink.ids.count + 2)
        ids.append(contentsOf: sink.ids)
        ids.append(separatorID)
        var offsets: [Range<Int>] = [0..<0]
        offsets.reserveCapacity(ids.count)
        let scalarIndex = Self.scalarIndices(of: text, through: Int(sink.lastBytes.last ?? -1))
        for (first, last) in zip(sink.firstBytes, sink.lastBytes) {
            offsets.append(Int(scalarIndex[Int(first)])..<Int(scalarIndex[Int(last)]) + 1)
        }
        offsets.append(0..<0)
        return TokenizedText(ids: ids, tokens: tokens(for: ids), offsets: offsets)
    }

    /// For each UTF-8 byte of `text` up to `lastByte`, the index of the Unicode scalar that holds it.
    private static func scalarIndices(of text: String, through lastByte: Int) -> [Int32] {
        var indices: [Int32] = []
        guard lastByte >= 0 else {
            return indices
        }
        indices.reserveCapacity(lastByte + 1)
        var scalar: Int32 = -1
        for byte in text.utf8 {
            if byte & 0xC0 != 0x80 {
                scalar += 1
            }
            indices.append(scalar)
            if indices.count > lastByte {
                break
            }
        }
        return indices
    }
}
