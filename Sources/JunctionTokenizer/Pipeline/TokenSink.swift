/// Where the tokenizer's pipeline puts the tokens it finds.
///
/// Generic like ``NormalizationTrace``: ``TokenIDs`` keeps only ids (plain encoding, unchanged in cost),
/// ``TokenSpans`` also keeps where each token came from in the raw text.
protocol TokenSink {
    /// Number of tokens so far.
    var count: Int { get }
    /// A token made from the normalised bytes `range` of the chunk being processed.
    mutating func append(_ id: Int32, normalized range: Range<Int>)
    /// A token matched verbatim in the raw text at byte `range`.
    mutating func append(_ id: Int32, raw range: Range<Int>)
    /// Drops the tokens from index `count` on.
    mutating func truncate(to count: Int)
    /// Normalises the raw bytes `chunk`, which start at raw offset `chunkStart`, into `output` (emptied first).
    mutating func normalize(
        _ chunk: UnsafeBufferPointer<UInt8>, at chunkStart: Int, with normalizer: BERTNormalizer,
        into output: inout [UInt8])
}

/// Token ids only.
struct TokenIDs: TokenSink {
    /// The ids so far.
    var ids: [Int32]

    var count: Int {
        @inline(__always) get { ids.count }
    }

    @inline(__always) mutating func append(_ id: Int32, normalized range: Range<Int>) {
        ids.append(id)
    }

    @inline(__always) mutating func append(_ id: Int32, raw range: Range<Int>) {
        ids.append(id)
    }

    @inline(__always) mutating func truncate(to count: Int) {
        if ids.count > count {
            ids.removeSubrange(count...)
        }
    }

    @inline(__always) mutating func normalize(
        _ chunk: UnsafeBufferPointer<UInt8>, at chunkStart: Int, with normalizer: BERTNormalizer,
        into output: inout [UInt8]
    ) {
        output.removeAll(keepingCapacity: true)
        normalizer.normalize(chunk, into: &output)
    }
}

/// Token ids with the raw bytes each token spans: its first byte and a byte of its last scalar.
struct TokenSpans: TokenSink {
    /// The ids so far.
    var ids: [Int32] = []
    /// Raw offset of each token's first byte.
    var firstBytes: [Int32] = []
    /// Raw offset of a byte (the first) of each token's last scalar.
    var lastBytes: [Int32] = []
    /// Where the normalised bytes of the chunk being processed came from (chunk-relative raw offsets).
    var origins = ByteOrigins()
    /// Raw offset of the chunk being processed.
    var chunkStart = 0

    var count: Int { ids.count }

    mutating func append(_ id: Int32, normalized range: Range<Int>) {
        ids.append(id)
        firstBytes.append(Int32(chunkStart) + origins.origins[range.lowerBound])
        lastBytes.append(Int32(chunkStart) + origins.origins[range.upperBound - 1])
    }

    mutating func append(_ id: Int32, raw range: Range<Int>) {
        ids.append(id)
        firstBytes.append(Int32(range.lowerBound))
        lastBytes.append(Int32(range.upperBound - 1))
    }

    mutating func truncate(to count: Int) {
        guard ids.count > count else {
            return
        }
        ids.removeSubrange(count...)
        firstBytes.removeSubrange(count...)
        lastBytes.removeSubrange(count...)
    }

    mutating func normalize(
        _ chunk: UnsafeBufferPointer<UInt8>, at chunkStart: Int, with normalizer: BERTNormalizer,
        into output: inout [UInt8]
    ) {
        output.removeAll(keepingCapacity: true)
        origins.reset()
        self.chunkStart = chunkStart
        normalizer.normalize(chunk, into: &output, trace: &origins)
    }
}
