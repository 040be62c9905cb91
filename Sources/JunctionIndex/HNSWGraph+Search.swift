import CKernels

/// A node with its distance to whatever is being searched for.
struct Candidate: Sendable, Comparable {
    var distance: Float
    var node: Int32

    /// Nearest first; equal distances by node number, so results are deterministic.
    static func < (lhs: Candidate, rhs: Candidate) -> Bool {
        lhs.distance != rhs.distance ? lhs.distance < rhs.distance : lhs.node < rhs.node
    }
}

/// A binary heap of candidates: nearest on top, or farthest when `farthestFirst`.
struct CandidateHeap {
    private(set) var items: [Candidate] = []
    let farthestFirst: Bool

    init(farthestFirst: Bool, capacity: Int) {
        self.farthestFirst = farthestFirst
        items.reserveCapacity(capacity)
    }

    var count: Int { items.count }
    var top: Candidate? { items.first }

    private func above(_ a: Candidate, _ b: Candidate) -> Bool { farthestFirst ? b < a : a < b }

    mutating func push(_ candidate: Candidate) {
        items.append(candidate)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard above(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    @discardableResult
    mutating func pop() -> Candidate? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < items.count else { break }
                var best = left
                if left + 1 < items.count, above(items[left + 1], items[left]) { best = left + 1 }
                guard above(items[best], items[parent]) else { break }
                items.swapAt(best, parent)
                parent = best
            }
        }
        return first
    }
}

extension HNSWGraph {
    /// The `k` nearest live nodes to a unit `query`: greedy descent through
    /// the upper layers, then a beam of width `max(ef, k)` on layer 0.
    mutating func search(_ query: UnsafePointer<Float>, k: Int, ef: Int) -> [Candidate] {
        guard k > 0, liveCount > 0, let (start, top) = entry else { return [] }
        var current = Candidate(distance: distance(query, start), node: start)
        for layer in stride(from: top, to: 0, by: -1) {
            current = greedyClosest(query, from: current, layer: layer)
        }
        let found = searchLayer(query, entries: [current], ef: max(ef, k), layer: 0, skipDeleted: true)
        return Array(found.prefix(k))
    }

    /// Follows links on `layer` to ever closer nodes until none is closer (ef = 1).
    func greedyClosest(_ query: UnsafePointer<Float>, from start: Candidate, layer: Int) -> Candidate {
        var best = start
        var moved = true
        while moved {
            moved = false
            for node in neighbours(of: best.node, layer: layer) {
                let distance = distance(query, node)
                if distance < best.distance {
                    best = Candidate(distance: distance, node: node)
                    moved = true
                }
            }
        }
        return best
    }

    /// The paper's SEARCH-LAYER: a best-first beam of width `ef` from
    /// `entries`, returned nearest first. With `skipDeleted`, tombstones are
    /// walked through but kept out of the result. The hot loop of both
    /// insertion and search, so it reads the buffers through raw pointers.
    mutating func searchLayer(
        _ query: UnsafePointer<Float>, entries: [Candidate], ef: Int, layer: Int, skipDeleted: Bool
    ) -> [Candidate] {
        let epoch = beginVisit()
        var marks = takeVisitMarks()
        defer { restoreVisitMarks(marks) }
        let deleted = self.deleted
        let upperLinks = layer > 0 ? self.upperLinks : []
        let dimension = self.dimension
        let width = Int32(dimension)
        let stride = baseStride
        return vectors.withUnsafeBufferPointer { rows in
            baseLinks.withUnsafeBufferPointer { baseLinks in
                marks.withUnsafeMutableBufferPointer { marks in
                    let rows = rows.baseAddress!
                    var frontier = CandidateHeap(farthestFirst: false, capacity: ef * 2)
                    var results = CandidateHeap(farthestFirst: true, capacity: ef + 1)
                    for entry in entries where marks[Int(entry.node)] != epoch {
                        marks[Int(entry.node)] = epoch
                        frontier.push(entry)
                        if !(skipDeleted && deleted[Int(entry.node)]) { results.push(entry) }
                        if results.count > ef { results.pop() }
                    }
                    var bound = results.count >= ef ? results.top!.distance : Float.infinity
                    while let current = frontier.pop() {
                        if current.distance > bound { break }
                        // Layer 0 reads the flat link table; upper layers their small arrays.
                        let base = baseLinks.baseAddress! + Int(current.node) * stride
                        let upper = layer > 0 ? upperLinks[Int(current.node)][layer - 1] : []
                        let count = layer > 0 ? upper.count : Int(base[0])
                        for i in 0..<count {
                            let node = layer > 0 ? upper[i] : base[1 + i]
                            guard marks[Int(node)] != epoch else { continue }
                            marks[Int(node)] = epoch
                            var dot: Float = 0
                            junction_dot_rows(rows + Int(node) * dimension, 1, width, query, &dot)
                            let distance = 1 - dot
                            guard distance < bound || results.count < ef else { continue }
                            let candidate = Candidate(distance: distance, node: node)
                            frontier.push(candidate)
                            if !(skipDeleted && deleted[Int(node)]) {
                                results.push(candidate)
                                if results.count > ef { results.pop() }
                                if results.count >= ef { bound = results.top!.distance }
                            }
                        }
                    }
                    return results.items.sorted()
                }
            }
        }
    }

    /// The paper's simple neighbour-selection heuristic (no extension of the
    /// candidates, pruned ones not kept): walking `candidates` nearest first,
    /// keep one only if it is closer to the query than to every one already
    /// kept, up to `max`. Spreads links in all directions instead of one cluster.
    func selectNeighbours(_ candidates: [Candidate], max: Int) -> [Candidate] {
        var kept: [Candidate] = []
        kept.reserveCapacity(max)
        for candidate in candidates {
            if kept.count >= max { break }
            let diverse = kept.allSatisfy { distance(between: candidate.node, and: $0.node) >= candidate.distance }
            if diverse { kept.append(candidate) }
        }
        return kept
    }
}
