import CKernels

extension IVFIndex {
    /// Re-clusters: spherical k-means on a sample of the stored vectors, then every vector moves to its
    /// nearest centroid's list.
    public mutating func cluster() {
        let occupied = slotList.indices.filter { slotList[$0] >= 0 }
        guard !occupied.isEmpty else { return }
        let listCount = configuration.listCount(for: occupied.count)
        var random = SplitMix64(seed: configuration.seed &+ UInt64(occupied.count))
        var sample = occupied
        let sampleSize = min(occupied.count, listCount * configuration.samplesPerList)
        for i in 0..<sampleSize {
            sample.swapAt(i, i + Int(random.next() % UInt64(sample.count - i)))
        }
        sample.removeLast(sample.count - sampleSize)

        var centroids = [Float](repeating: 0, count: listCount * dimension)
        for list in 0..<listCount {
            copyRow(sample[list % sample.count], into: &centroids, at: list)
        }
        for _ in 0..<configuration.iterations {
            let assignment = assign(sample, to: centroids, listCount: listCount)
            var sums = [Float](repeating: 0, count: listCount * dimension)
            var sizes = [Int](repeating: 0, count: listCount)
            for (position, slot) in sample.enumerated() {
                let list = assignment[position]
                sizes[list] += 1
                for i in 0..<dimension { sums[list * dimension + i] += rows[slot * dimension + i] }
            }
            for list in 0..<listCount {
                if sizes[list] == 0 {
                    copyRow(sample[Int(random.next() % UInt64(sample.count))], into: &sums, at: list)
                }
                var norm: Float = 0
                for i in 0..<dimension { norm += sums[list * dimension + i] * sums[list * dimension + i] }
                let inverse = norm > 0 ? 1 / norm.squareRoot() : 0
                for i in 0..<dimension { sums[list * dimension + i] *= inverse }
            }
            centroids = sums
        }

        // Vectors go to the centroid nearest by the 8-bit codes that searches rank lists with, so a stored
        // vector's own list is always the first one its own lookup scans.
        var codes = [Int8](repeating: 0, count: listCount * dimension)
        var scales = [Float](repeating: 0, count: listCount)
        centroids.withUnsafeBufferPointer { centroids in
            codes.withUnsafeMutableBufferPointer { codes in
                for list in 0..<listCount {
                    junction_to_i8(centroids.baseAddress! + list * dimension, Int32(dimension), codes.baseAddress! + list * dimension, &scales[list])
                }
            }
        }
        let decoded = (0..<(listCount * dimension)).map { Float(codes[$0]) * scales[$0 / dimension] }
        let assignment = assign(occupied, to: decoded, listCount: listCount)
        self.centroids = codes
        centroidScales = scales
        lists = Array(repeating: InvertedList(), count: listCount)
        for (position, slot) in occupied.enumerated() {
            append(slot: slot, toList: assignment[position])
        }
        countAtClustering = occupied.count
    }

    private func copyRow(_ slot: Int, into matrix: inout [Float], at row: Int) {
        for i in 0..<dimension { matrix[row * dimension + i] = rows[slot * dimension + i] }
    }

    /// The nearest centroid of each slot's vector, by blocks of 256 through the packed matrix kernel.
    private func assign(_ slots: [Int], to centroids: [Float], listCount: Int) -> [Int] {
        var packed = [Float](repeating: 0, count: junction_packed_count(Int32(listCount), Int32(dimension)))
        centroids.withUnsafeBufferPointer { centroids in
            packed.withUnsafeMutableBufferPointer { packed in
                junction_pack(centroids.baseAddress, Int32(listCount), Int32(dimension), packed.baseAddress)
            }
        }
        let block = 256
        var gathered = [Float](repeating: 0, count: block * dimension)
        var scores = [Float](repeating: 0, count: block * listCount)
        var assignment = [Int](repeating: 0, count: slots.count)
        let panels = Int32((listCount + Int(JUNCTION_PANEL) - 1) / Int(JUNCTION_PANEL))
        var start = 0
        while start < slots.count {
            let m = min(block, slots.count - start)
            for row in 0..<m {
                let slot = slots[start + row]
                for i in 0..<dimension { gathered[row * dimension + i] = rows[slot * dimension + i] }
            }
            gathered.withUnsafeBufferPointer { x in
                packed.withUnsafeBufferPointer { w in
                    scores.withUnsafeMutableBufferPointer { c in
                        junction_gemm_packed(
                            Int32(m), Int32(listCount), Int32(dimension), x.baseAddress, Int32(dimension),
                            w.baseAddress, c.baseAddress, Int32(listCount), 0, 0, panels
                        )
                    }
                }
            }
            for row in 0..<m {
                var best = 0
                var bestScore = -Float.infinity
                for list in 0..<listCount where scores[row * listCount + list] > bestScore {
                    bestScore = scores[row * listCount + list]
                    best = list
                }
                assignment[start + row] = best
            }
            start += m
        }
        return assignment
    }
}

/// SplitMix64: a small, fast, seeded generator, for reproducible sampling (clustering, benchmark data).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }
}
