import Foundation

/// Build and search parameters of an `HNSWIndex`, named as in Malkov &
/// Yashunin's paper (and hnswlib).
public struct HNSWConfiguration: Sendable, Equatable {
    /// Links kept per node on the upper layers (the paper's `M`); layer 0
    /// keeps up to `2·m`. More links: better recall, more memory, slower
    /// inserts. Default 16.
    public var m: Int
    /// Width of the beam while inserting (`efConstruction`). Default 200.
    public var efConstruction: Int
    /// Width of the beam on layer 0 while searching (`ef`), raised to `k`
    /// when `k` is larger. Default 64.
    public var efSearch: Int
    /// Seed of the generator that draws each node's top layer, so that the
    /// same inserts in the same order build the same graph. Default 42.
    public var seed: UInt64

    /// Creates a configuration; `m` must be at least 2 and the beam widths at least 1.
    public init(m: Int = 16, efConstruction: Int = 200, efSearch: Int = 64, seed: UInt64 = 42) {
        precondition(m >= 2, "m must be at least 2")
        precondition(efConstruction >= 1 && efSearch >= 1, "beam widths must be positive")
        self.m = m
        self.efConstruction = efConstruction
        self.efSearch = efSearch
        self.seed = seed
    }

    /// Most links a node keeps on `layer`: `2·m` on layer 0, `m` above.
    func maxLinks(onLayer layer: Int) -> Int { layer == 0 ? 2 * m : m }

    /// The paper's `mL = 1 / ln M`: a node reaches layer `l` with probability `M^-l`.
    var levelMultiplier: Double { 1 / log(Double(m)) }
}
