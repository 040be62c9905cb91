import JunctionIndex

/// The tests' deterministic generator (Junction's SplitMix64), so failures reproduce.
typealias SeededGenerator = SplitMix64
