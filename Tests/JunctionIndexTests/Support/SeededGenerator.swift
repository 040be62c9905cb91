import JunctionIndex

/// The tests' deterministic generator, so failures reproduce.
typealias SeededGenerator = SplitMix64
