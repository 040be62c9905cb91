import Synchronization

/// Approximate nearest-neighbour search over unit vectors: a hierarchical
/// navigable small world graph (Malkov & Yashunin, 2018).
///
/// Where `FlatVectorIndex` compares a query with every vector, this index
/// walks a layered graph: a greedy descent through sparse upper layers, then
/// a beam of width `ef` on layer 0, which holds every vector. A search costs
/// roughly `ef · 2M · log n` dot products instead of `n`, at the price of
/// sometimes missing a true neighbour (raise `ef` for recall).
///
/// Vectors are normalised on insertion and distances are cosine distances
/// `1 - cos` in [0, 2], as in `FlatVectorIndex`. Building is deterministic:
/// the same inserts in the same order with the same `HNSWConfiguration.seed`
/// give the same graph and the same results.
///
/// **Removal keeps tombstones.** `remove` and re-inserting an id mark the old
/// node deleted: it is never returned but stays in the graph (memory, and a
/// waypoint for searches) until `rebuild()`. Call `rebuild()` when
/// `tombstoneCount` grows large relative to `count`.
///
/// Thread-safe: one `Mutex` guards the graph, so inserts, removals and
/// searches from many tasks take turns (a search also writes scratch marks).
public final class HNSWIndex: Sendable {
    /// Width of every vector.
    public let dimension: Int
    /// The build and search parameters.
    public let configuration: HNSWConfiguration
    private let graph: Mutex<HNSWGraph>

    /// Creates an empty index for vectors of `dimension` floats.
    public init(dimension: Int, configuration: HNSWConfiguration = HNSWConfiguration()) {
        precondition(dimension > 0, "dimension must be positive")
        self.dimension = dimension
        self.configuration = configuration
        self.graph = Mutex(HNSWGraph(dimension: dimension, configuration: configuration))
    }

    /// Number of live vectors (tombstones not counted).
    public var count: Int { graph.withLock { $0.liveCount } }

    /// Number of removed or replaced vectors still held in the graph until `rebuild()`.
    public var tombstoneCount: Int { graph.withLock { $0.nodeCount - $0.liveCount } }

    /// Whether `id` is present (and not removed).
    public func contains(_ id: String) -> Bool { graph.withLock { $0.positions[id] != nil } }

    /// Inserts the vector for `id` (normalised to unit length). Re-inserting an
    /// id replaces its vector: the old node becomes a tombstone. Throws when
    /// the width is wrong or the vector is all zeros or not finite.
    public func insert(_ id: String, vector: [Float]) throws(IndexError) {
        let unit = try FlatVectorIndex.normalized(vector, dimension: dimension)
        graph.withLock { $0.insert(id, unit: unit) }
    }

    /// Removes `id` (it becomes a tombstone); returns whether it was present.
    @discardableResult
    public func remove(_ id: String) -> Bool {
        graph.withLock { $0.remove(id) }
    }

    /// The `k` nearest vectors to `query`, nearest first, approximately: the
    /// layer-0 beam is `max(ef ?? configuration.efSearch, k)` wide. Throws
    /// when the width is wrong or the query is all zeros or not finite.
    public func search(_ query: [Float], k: Int, ef: Int? = nil) throws(IndexError) -> [IndexHit] {
        let unit = try FlatVectorIndex.normalized(query, dimension: dimension)
        let beam = max(ef ?? configuration.efSearch, 1)
        return graph.withLock { graph in
            let found = unit.withUnsafeBufferPointer { graph.search($0.baseAddress!, k: k, ef: beam) }
            return found.map { IndexHit(id: graph.ids[Int($0.node)], distance: $0.distance) }.sorted()
        }
    }

    /// Of the `k` nearest vectors to `query`, those within `radius` (cosine
    /// distance, inclusive), nearest first.
    public func search(_ query: [Float], within radius: Float, k: Int) throws(IndexError) -> [IndexHit] {
        try search(query, k: k).filter { $0.distance <= radius }
    }

    /// Rebuilds the graph from the live vectors, dropping every tombstone.
    /// Costs as much as inserting them all again; searches wait meanwhile.
    public func rebuild() {
        graph.withLock { $0 = $0.compacted() }
    }
}
