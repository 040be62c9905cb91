/// Settings of an `IVFIndex`. The defaults keep a 1,000,000-vector index under a millisecond per search with
/// recall@1 above 0.98 for the near-duplicate queries a semantic cache serves (see docs/cache.md).
public struct IVFConfiguration: Sendable, Equatable {
    /// Lists scanned per search: the nearest centroids' lists. More is slower and closer to exact.
    public var probes: Int
    /// Below this many vectors the index is one list, scanned whole (exact search).
    public var trainingThreshold: Int
    /// The lists are re-clustered when the index has grown this many times since they were last built.
    public var growthFactor: Int
    /// Spherical k-means iterations per clustering.
    public var iterations: Int
    /// Training sample size per list.
    public var samplesPerList: Int
    /// Seed of the sampling (clustering is deterministic for a given insertion order).
    public var seed: UInt64

    /// A configuration; see each property for its meaning.
    public init(
        probes: Int = 10, trainingThreshold: Int = 20_000, growthFactor: Int = 4, iterations: Int = 8,
        samplesPerList: Int = 40, seed: UInt64 = 0x5EED
    ) {
        self.probes = probes
        self.trainingThreshold = trainingThreshold
        self.growthFactor = growthFactor
        self.iterations = iterations
        self.samplesPerList = samplesPerList
        self.seed = seed
    }

    /// Lists for `count` vectors: about 2√count (lists of about √count / 2), between 64 and 4,096.
    func listCount(for count: Int) -> Int {
        min(4096, max(64, Int(2 * Double(count).squareRoot())))
    }
}
