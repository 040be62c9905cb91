/// Records where each byte of normalised text came from in the raw text, while ``BERTNormalizer`` runs.
///
/// The normaliser is generic over its trace so that plain encoding (``NoTrace``) compiles to exactly the
/// code it had before offsets existed, and only ``WordPieceTokenizer/encodeWithOffsets(_:maxLength:)``
/// pays for the bookkeeping (``ByteOrigins``). Origins are byte offsets of the first byte of the raw scalar
/// a normalised byte derives from, as Hugging Face's `NormalizedString` alignments are.
protocol NormalizationTrace {
    /// The output grew to `count` bytes, all the new ones from the raw scalar starting at byte `origin`.
    mutating func emitted(upTo count: Int, from origin: Int)
    /// `count` scalars were appended to the pending decomposition run, all from the raw scalar at `origin`.
    mutating func pended(_ count: Int, from origin: Int)
    /// Canonical reordering swapped pending scalars `index - 1` and `index`.
    mutating func swappedPending(at index: Int)
    /// The output grew to `count` bytes from pending scalar `index` (possibly by nothing: a dropped mark).
    mutating func emittedPending(_ index: Int, upTo count: Int)
    /// The pending run was flushed.
    mutating func clearedPending()
}

/// The trace of plain encoding: records nothing.
struct NoTrace: NormalizationTrace {
    @inline(__always) mutating func emitted(upTo count: Int, from origin: Int) {}
    @inline(__always) mutating func pended(_ count: Int, from origin: Int) {}
    @inline(__always) mutating func swappedPending(at index: Int) {}
    @inline(__always) mutating func emittedPending(_ index: Int, upTo count: Int) {}
    @inline(__always) mutating func clearedPending() {}
}

/// The raw byte offset each normalised byte derives from.
struct ByteOrigins: NormalizationTrace {
    /// `origins[i]` is the raw offset of the scalar that normalised byte `i` came from.
    private(set) var origins: [Int32] = []
    private var pendingOrigins: [Int32] = []

    /// Forgets everything, keeping the storage, before the next chunk is normalised.
    mutating func reset() {
        origins.removeAll(keepingCapacity: true)
        pendingOrigins.removeAll(keepingCapacity: true)
    }

    mutating func emitted(upTo count: Int, from origin: Int) {
        while origins.count < count {
            origins.append(Int32(truncatingIfNeeded: origin))
        }
    }

    mutating func pended(_ count: Int, from origin: Int) {
        for _ in 0..<count {
            pendingOrigins.append(Int32(truncatingIfNeeded: origin))
        }
    }

    mutating func swappedPending(at index: Int) {
        pendingOrigins.swapAt(index - 1, index)
    }

    mutating func emittedPending(_ index: Int, upTo count: Int) {
        emitted(upTo: count, from: Int(pendingOrigins[index]))
    }

    mutating func clearedPending() {
        pendingOrigins.removeAll(keepingCapacity: true)
    }
}
