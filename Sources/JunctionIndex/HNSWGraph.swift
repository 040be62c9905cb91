import CKernels
import Foundation

/// The graph behind `HNSWIndex`: unit vectors in one buffer, the links of
/// every layer, tombstones, and the scratch marks a search needs. A value
/// type with no locking of its own; `HNSWIndex` guards it with a `Mutex`.
///
/// Nodes are numbered in insertion order and never move: a removed or
/// replaced id leaves its node in place, marked deleted, still used as a
/// waypoint but never returned, until `compacted()` builds a new graph.
struct HNSWGraph: Sendable {
    let dimension: Int
    let configuration: HNSWConfiguration
    /// Unit vectors, node `i` at `i·dimension ..< (i+1)·dimension`.
    private(set) var vectors: [Float] = []
    /// The id of each node (deleted nodes keep theirs).
    private(set) var ids: [String] = []
    /// Whether each node is a tombstone.
    private(set) var deleted: [Bool] = []
    /// The live node of each id.
    private(set) var positions: [String: Int32] = [:]
    /// Layer-0 links: per node a count then room for `2·m` node numbers.
    private(set) var baseLinks: [Int32] = []
    /// Links on layers 1 ... top of each node: `upperLinks[node][layer - 1]`.
    private(set) var upperLinks: [[[Int32]]] = []
    /// Where every search starts: a node on the top layer (-1 when empty).
    private var entryPoint: Int32 = -1
    private var topLayer = -1
    /// SplitMix64 state for drawing layers.
    private var levelState: UInt64
    /// `visitMarks[node] == visitEpoch` when the current search has seen `node`.
    private var visitMarks: [UInt32] = []
    private var visitEpoch: UInt32 = 0

    init(dimension: Int, configuration: HNSWConfiguration) {
        self.dimension = dimension
        self.configuration = configuration
        self.levelState = configuration.seed
    }

    /// Number of live (not deleted) vectors.
    var liveCount: Int { positions.count }

    /// Number of nodes, tombstones included.
    var nodeCount: Int { ids.count }

    /// Int32s per node in `baseLinks`: the count, then `2·m` slots.
    var baseStride: Int { 2 * configuration.m + 1 }

    // MARK: Updates

    /// Adds `unit` (already normalised) under `id`; an earlier node of the same id becomes a tombstone.
    mutating func insert(_ id: String, unit: [Float]) {
        if let old = positions[id] { deleted[Int(old)] = true }
        let node = Int32(ids.count)
        let level = drawLevel()
        ids.append(id)
        deleted.append(false)
        positions[id] = node
        vectors.append(contentsOf: unit)
        baseLinks.append(contentsOf: repeatElement(0, count: baseStride))
        upperLinks.append(Array(repeating: [], count: level))
        visitMarks.append(0)
        guard entryPoint >= 0 else {
            entryPoint = node
            topLayer = level
            return
        }
        unit.withUnsafeBufferPointer { buffer in
            let query = buffer.baseAddress!
            var entry = Candidate(distance: distance(query, entryPoint), node: entryPoint)
            var layer = topLayer
            while layer > level {
                entry = greedyClosest(query, from: entry, layer: layer)
                layer -= 1
            }
            var entries = [entry]
            while layer >= 0 {
                let found = searchLayer(query, entries: entries, ef: configuration.efConstruction, layer: layer, skipDeleted: false)
                let chosen = selectNeighbours(found, max: configuration.m)
                setLinks(of: node, layer: layer, to: chosen.map(\.node))
                for neighbour in chosen { link(neighbour.node, to: node, distance: neighbour.distance, layer: layer) }
                entries = found
                layer -= 1
            }
        }
        if level > topLayer {
            entryPoint = node
            topLayer = level
        }
    }

    /// Marks the node of `id` deleted; returns whether `id` was live.
    mutating func remove(_ id: String) -> Bool {
        guard let node = positions.removeValue(forKey: id) else { return false }
        deleted[Int(node)] = true
        return true
    }

    /// A new graph holding only the live vectors, inserted in node order.
    func compacted() -> HNSWGraph {
        var graph = HNSWGraph(dimension: dimension, configuration: configuration)
        for node in ids.indices where !deleted[node] {
            graph.insert(ids[node], unit: Array(vectors[(node * dimension)..<((node + 1) * dimension)]))
        }
        return graph
    }

    /// Adds `node` to the links of `owner` on `layer`; when that overflows,
    /// the heuristic picks which links `owner` keeps.
    private mutating func link(_ owner: Int32, to node: Int32, distance: Float, layer: Int) {
        var links = Array(neighbours(of: owner, layer: layer))
        let limit = configuration.maxLinks(onLayer: layer)
        if links.count < limit {
            links.append(node)
        } else {
            var candidates = links.map { Candidate(distance: self.distance(between: owner, and: $0), node: $0) }
            candidates.append(Candidate(distance: distance, node: node))
            candidates.sort()
            links = selectNeighbours(candidates, max: limit).map(\.node)
        }
        setLinks(of: owner, layer: layer, to: links)
    }

    private mutating func setLinks(of node: Int32, layer: Int, to links: [Int32]) {
        if layer == 0 {
            let base = Int(node) * baseStride
            baseLinks[base] = Int32(links.count)
            for (offset, link) in links.enumerated() { baseLinks[base + 1 + offset] = link }
        } else {
            upperLinks[Int(node)][layer - 1] = links
        }
    }

    /// The top layer of a new node: `floor(-ln(U) · mL)` for U uniform in (0, 1].
    private mutating func drawLevel() -> Int {
        levelState &+= 0x9E37_79B9_7F4A_7C15
        var z = levelState
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        let uniform = (Double(z >> 11) + 1) * 0x1p-53
        return min(Int(-log(uniform) * configuration.levelMultiplier), 30)
    }

    // MARK: Reading

    /// The links of `node` on `layer`.
    func neighbours(of node: Int32, layer: Int) -> ArraySlice<Int32> {
        if layer == 0 {
            let base = Int(node) * baseStride
            return baseLinks[(base + 1)..<(base + 1 + Int(baseLinks[base]))]
        }
        return upperLinks[Int(node)][layer - 1][...]
    }

    /// Cosine distance `1 - dot` from a unit `query` to `node`.
    func distance(_ query: UnsafePointer<Float>, _ node: Int32) -> Float {
        var dot: Float = 0
        vectors.withUnsafeBufferPointer { rows in
            junction_dot_rows(rows.baseAddress! + Int(node) * dimension, 1, Int32(dimension), query, &dot)
        }
        return 1 - dot
    }

    /// Cosine distance between two stored nodes.
    func distance(between a: Int32, and b: Int32) -> Float {
        var dot: Float = 0
        vectors.withUnsafeBufferPointer { rows in
            let base = rows.baseAddress!
            junction_dot_rows(base + Int(a) * dimension, 1, Int32(dimension), base + Int(b) * dimension, &dot)
        }
        return 1 - dot
    }

    /// Starts a search: every node becomes unvisited. Returns the search's epoch.
    mutating func beginVisit() -> UInt32 {
        visitEpoch &+= 1
        if visitEpoch == 0 {
            for i in visitMarks.indices { visitMarks[i] = 0 }
            visitEpoch = 1
        }
        return visitEpoch
    }

    /// Moves the visit marks out (no copy), for a search to write through a pointer.
    /// `visitMarks[node] == epoch` when the search has seen `node`.
    mutating func takeVisitMarks() -> [UInt32] {
        var marks: [UInt32] = []
        swap(&marks, &visitMarks)
        return marks
    }

    /// Puts back the marks taken by `takeVisitMarks`.
    mutating func restoreVisitMarks(_ marks: [UInt32]) {
        visitMarks = marks
    }

    /// Where a search starts: the entry point and the top layer (nil when empty).
    var entry: (node: Int32, layer: Int)? { entryPoint >= 0 ? (entryPoint, topLayer) : nil }
}
