import CKernels

extension IVFIndex {
    /// Up to `k` stored vectors within `radius` (cosine distance, inclusive) of `query` whose slot `accept`s,
    /// nearest first, with exact distances. Scans the lists of the `probes` (default: the configuration's)
    /// nearest centroids; with one list the search is exact.
    public func search(
        _ query: [Float], within radius: Float, k: Int, probes: Int? = nil, accept: (Int) -> Bool = { _ in true }
    ) throws(IndexError) -> [(slot: Int, distance: Float)] {
        let unit = try FlatVectorIndex.normalized(query, dimension: dimension)
        guard k > 0, count > 0 else { return [] }
        let probed = nearestLists(unit, count: probes ?? configuration.probes)
        let longest = probed.map { lists[$0].slots.count }.max() ?? 0
        var dots = [Float](repeating: 0, count: longest)
        var hits: [(slot: Int, distance: Float)] = []
        // A code's dot product is within scale/2 · Σ|q| of the exact one (CKernels.h); 1e-5 covers rounding.
        let margin = unit.reduce(0) { $0 + abs($1) } / 2
        unit.withUnsafeBufferPointer { query in
            rows.withUnsafeBufferPointer { rows in
                dots.withUnsafeMutableBufferPointer { dots in
                    for list in probed {
                        let entries = lists[list]
                        let n = entries.slots.count
                        guard n > 0 else { continue }
                        entries.codes.withUnsafeBufferPointer { codes in
                            entries.scales.withUnsafeBufferPointer { scales in
                                junction_dot_rows_i8(codes.baseAddress, scales.baseAddress, Int32(n), Int32(dimension), query.baseAddress, dots.baseAddress)
                            }
                        }
                        for position in 0..<n where 1 - dots[position] <= radius + entries.scales[position] * margin + 1e-5 {
                            let slot = Int(entries.slots[position])
                            guard accept(slot) else { continue }
                            var dot: Float = 0
                            junction_dot_rows(rows.baseAddress! + slot * dimension, 1, Int32(dimension), query.baseAddress, &dot)
                            let distance = 1 - dot
                            if distance <= radius { Self.keep((slot, distance), in: &hits, k: k) }
                        }
                    }
                }
            }
        }
        return hits
    }

    /// The same search over every stored vector in single precision (no lists skipped): the reference the
    /// approximate search's recall is measured against.
    public func exactSearch(
        _ query: [Float], within radius: Float, k: Int, accept: (Int) -> Bool = { _ in true }
    ) throws(IndexError) -> [(slot: Int, distance: Float)] {
        let unit = try FlatVectorIndex.normalized(query, dimension: dimension)
        guard k > 0, count > 0 else { return [] }
        var dots = [Float](repeating: 0, count: slotList.count)
        rows.withUnsafeBufferPointer { rows in
            unit.withUnsafeBufferPointer { query in
                dots.withUnsafeMutableBufferPointer { dots in
                    junction_dot_rows(rows.baseAddress, Int32(slotList.count), Int32(dimension), query.baseAddress, dots.baseAddress)
                }
            }
        }
        var hits: [(slot: Int, distance: Float)] = []
        for slot in slotList.indices where slotList[slot] >= 0 && 1 - dots[slot] <= radius && accept(slot) {
            Self.keep((slot, 1 - dots[slot]), in: &hits, k: k)
        }
        return hits
    }

    /// The exact `k` nearest stored vectors to `query`.
    public func exactNearest(_ query: [Float], k: Int) throws(IndexError) -> [(slot: Int, distance: Float)] {
        try exactSearch(query, within: .infinity, k: k)
    }

    /// Inserts `hit` into the sorted `hits` (nearest first, then by slot), keeping at most `k`.
    static func keep(_ hit: (slot: Int, distance: Float), in hits: inout [(slot: Int, distance: Float)], k: Int) {
        func before(_ a: (slot: Int, distance: Float), _ b: (slot: Int, distance: Float)) -> Bool {
            a.distance != b.distance ? a.distance < b.distance : a.slot < b.slot
        }
        if hits.count == k, let last = hits.last, !before(hit, last) { return }
        var position = hits.count
        while position > 0 && before(hit, hits[position - 1]) { position -= 1 }
        hits.insert(hit, at: position)
        if hits.count > k { hits.removeLast() }
    }

    /// The list a new unit vector goes to: its nearest centroid's (0 while there is one list).
    func nearestList(_ unit: [Float]) -> Int {
        nearestLists(unit, count: 1)[0]
    }

    /// The `count` lists whose centroids are nearest `unit`, nearest first (all of them while unclustered).
    func nearestLists(_ unit: [Float], count wanted: Int) -> [Int] {
        guard !centroids.isEmpty else { return [0] }
        let n = lists.count
        var dots = [Float](repeating: 0, count: n)
        centroids.withUnsafeBufferPointer { centroids in
            centroidScales.withUnsafeBufferPointer { scales in
                unit.withUnsafeBufferPointer { query in
                    dots.withUnsafeMutableBufferPointer { dots in
                        junction_dot_rows_i8(centroids.baseAddress, scales.baseAddress, Int32(n), Int32(dimension), query.baseAddress, dots.baseAddress)
                    }
                }
            }
        }
        let wanted = max(1, min(wanted, n))
        var best: [(slot: Int, distance: Float)] = []
        best.reserveCapacity(wanted + 1)
        for list in 0..<n {
            Self.keep((list, -dots[list]), in: &best, k: wanted)
        }
        return best.map(\.slot)
    }
}
