/// Token ids of several sequences stored back to back, with no padding.
struct PackedBatch: Sendable {
    /// All ids, sequence after sequence.
    private(set) var ids: [Int32] = []
    /// `offsets[s]..<offsets[s + 1]` are the rows of sequence `s`.
    private(set) var offsets: [Int] = [0]
    /// Length of the longest sequence.
    private(set) var longest = 0

    /// Appends one sequence.
    mutating func append(_ sequence: [Int32]) {
        ids.append(contentsOf: sequence)
        offsets.append(ids.count)
        longest = max(longest, sequence.count)
    }

    /// Number of sequences.
    var sequenceCount: Int { offsets.count - 1 }
    /// Number of tokens over all sequences.
    var tokenCount: Int { ids.count }
}
