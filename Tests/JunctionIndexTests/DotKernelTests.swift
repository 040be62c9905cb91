import JunctionIndex
import Testing

/// The SIMD dot-product kernel (AVX-512, AVX2 or portable, whichever this CPU
/// runs) seen through `FlatVectorIndex.distances`, against a plain loop.
@Suite struct DotKernelTests {
    @Test(arguments: [1, 7, 15, 16, 17, 31, 33, 384])
    func distancesMatchAPlainLoop(dimension: Int) throws {
        var generator = SeededGenerator(seed: UInt64(dimension))
        let rowCount = 9
        let rows = (0..<rowCount).map { _ in randomVector(dimension, &generator) }
        let query = randomVector(dimension, &generator)
        var index = FlatVectorIndex(dimension: dimension)
        for (i, row) in rows.enumerated() { try index.upsert("row\(i)", vector: row) }

        let distances = try index.distances(to: query)
        #expect(distances.count == rowCount)
        for (row, distance) in zip(rows, distances) {
            let expected = 1 - cosine(row, query)
            #expect(abs(Double(distance) - expected) < 2e-6, "dimension \(dimension): \(distance) != \(expected)")
        }
    }

    @Test(arguments: [1, 7, 15, 16, 17, 31, 33, 384])
    func aVectorIsAtDistanceZeroFromItselfAndTwoFromItsOpposite(dimension: Int) throws {
        var generator = SeededGenerator(seed: 1000 + UInt64(dimension))
        let vector = randomVector(dimension, &generator)
        var index = FlatVectorIndex(dimension: dimension)
        try index.upsert("same", vector: vector)
        try index.upsert("opposite", vector: vector.map { -$0 })
        let distances = try index.distances(to: vector)
        #expect(abs(distances[0]) < 1e-6)
        #expect(abs(distances[1] - 2) < 1e-6)
    }

    private func randomVector(_ dimension: Int, _ generator: inout SeededGenerator) -> [Float] {
        var vector = (0..<dimension).map { _ in Float.random(in: -1...1, using: &generator) }
        if vector.allSatisfy({ $0 == 0 }) { vector[0] = 1 }
        return vector
    }

    private func cosine(_ a: [Float], _ b: [Float]) -> Double {
        var dot = 0.0, aa = 0.0, bb = 0.0
        for i in a.indices {
            dot += Double(a[i]) * Double(b[i])
            aa += Double(a[i]) * Double(a[i])
            bb += Double(b[i]) * Double(b[i])
        }
        return dot / (aa.squareRoot() * bb.squareRoot())
    }
}
