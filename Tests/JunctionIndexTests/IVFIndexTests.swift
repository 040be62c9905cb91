import Foundation
import JunctionIndex
import Testing

@Suite struct IVFIndexTests {
    static let dimension = 32

    /// Unit vectors around `clusters` random centres: the shape of sentence embeddings (topics), not uniform noise.
    static func clustered(_ count: Int, clusters: Int, spread: Float, seed: UInt64) -> [[Float]] {
        var random = SeededGenerator(seed: seed)
        let centres = (0..<clusters).map { _ in gaussian(dimension, &random) }
        return (0..<count).map { i in
            let centre = centres[i % clusters]
            let noise = gaussian(dimension, &random)
            return zip(centre, noise).map { $0 + spread * $1 }
        }
    }

    static func gaussian(_ n: Int, _ random: inout SeededGenerator) -> [Float] {
        (0..<n).map { _ in
            let u = max(Float.leastNonzeroMagnitude, Float.random(in: 0..<1, using: &random))
            let v = Float.random(in: 0..<1, using: &random)
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
    }

    static func cosineDistance(_ a: [Float], _ b: [Float]) -> Float {
        let dot = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
        let na = a.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let nb = b.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return 1 - dot / (na * nb)
    }

    @Test func searchIsExactBeforeClustering() throws {
        var index = IVFIndex(dimension: Self.dimension)
        let vectors = Self.clustered(600, clusters: 6, spread: 0.6, seed: 1)
        for vector in vectors { try index.insert(vector) }
        #expect(index.listCount == 1)
        let query = Self.clustered(1, clusters: 1, spread: 0.6, seed: 99)[0]
        let hits = try index.search(query, within: 0.8, k: 1000)
        let expected = vectors.indices.filter { Self.cosineDistance(vectors[$0], query) <= 0.8 }
        #expect(Set(hits.map(\.slot)) == Set(expected))
        for hit in hits {
            #expect(abs(hit.distance - Self.cosineDistance(vectors[hit.slot], query)) < 1e-5)
        }
        #expect(hits.map(\.distance) == hits.map(\.distance).sorted())
    }

    /// The 8-bit scan (AVX-512, AVX2 or portable, with the odd tails) never misses or wrongly admits a vector:
    /// within any radius the hits are exactly the plain loop's, with exact distances.
    @Test(arguments: [17, 33, 384])
    func theQuantizedScanMissesNothing(dimension: Int) throws {
        var random = SeededGenerator(seed: UInt64(dimension))
        let vectors = (0..<300).map { _ in Self.gaussian(dimension, &random) }
        var index = IVFIndex(dimension: dimension)
        for vector in vectors { try index.insert(vector) }
        for radius: Float in [0.9, 1.0, 1.05] {
            let query = zip(vectors[0], Self.gaussian(dimension, &random)).map { $0 + $1 }
            let hits = try index.search(query, within: radius, k: 1_000)
            let expected = vectors.indices.filter { Self.cosineDistance(vectors[$0], query) <= radius }
            #expect(Set(hits.map(\.slot)) == Set(expected), "dimension \(dimension), radius \(radius)")
            for hit in hits { #expect(abs(hit.distance - Self.cosineDistance(vectors[hit.slot], query)) < 1e-5) }
        }
    }

    @Test func clusteredIndexFindsEveryStoredVectorAndNearDuplicates() throws {
        let configuration = IVFConfiguration(probes: 8, trainingThreshold: 2_000)
        var index = IVFIndex(dimension: Self.dimension, configuration: configuration)
        let vectors = Self.clustered(4_000, clusters: 40, spread: 0.35, seed: 2)
        for vector in vectors { try index.insert(vector) }
        #expect(index.listCount > 1)
        var random = SeededGenerator(seed: 3)
        var found = 0
        var nearFound = 0
        let sample = Array(stride(from: 0, to: vectors.count, by: 10))
        for slot in sample {
            if try index.search(vectors[slot], within: 0.001, k: 1).first?.slot == slot { found += 1 }
            // A paraphrase: a small step away from the stored vector.
            let noise = Self.gaussian(Self.dimension, &random)
            let nearby = zip(vectors[slot], noise).map { $0 + 0.04 * $1 }
            let exact = try index.exactNearest(nearby, k: 1).first?.slot
            if try index.search(nearby, within: 0.5, k: 1).first?.slot == exact { nearFound += 1 }
        }
        #expect(found == sample.count)
        #expect(Double(nearFound) / Double(sample.count) >= 0.97)
    }

    @Test func removedVectorsAreNeverFoundAndSlotsAreReused() throws {
        var index = IVFIndex(dimension: Self.dimension, configuration: IVFConfiguration(trainingThreshold: 300))
        let vectors = Self.clustered(500, clusters: 5, spread: 0.5, seed: 4)
        var slots: [Int] = []
        for vector in vectors { slots.append(try index.insert(vector)) }
        var removed = 0
        for slot in slots where slot % 3 == 0 && index.remove(slot: slot) { removed += 1 }
        let again = index.remove(slot: 0)
        #expect(!again)
        #expect(removed == 167)
        #expect(index.count == 500 - removed)
        let hits = try index.search(vectors[0], within: 2, k: 10_000, probes: index.listCount)
        #expect(hits.count == index.count)
        #expect(!hits.contains { $0.slot % 3 == 0 })
        let reused = try index.insert(vectors[0])
        #expect(reused % 3 == 0)
        #expect(try index.search(vectors[0], within: 0.001, k: 1).first?.slot == reused)
    }

    @Test func acceptFiltersBeforeTheTopK() throws {
        var index = IVFIndex(dimension: Self.dimension)
        let vectors = Self.clustered(200, clusters: 2, spread: 0.3, seed: 5)
        for vector in vectors { try index.insert(vector) }
        let hits = try index.search(vectors[0], within: 2, k: 5) { $0 % 2 == 1 }
        #expect(hits.count == 5)
        #expect(hits.allSatisfy { $0.slot % 2 == 1 })
    }

    @Test func reclustersAsItGrows() throws {
        var index = IVFIndex(dimension: Self.dimension, configuration: IVFConfiguration(trainingThreshold: 500, growthFactor: 4))
        for vector in Self.clustered(1_999, clusters: 10, spread: 0.5, seed: 6) { try index.insert(vector) }
        let first = index.listCount
        #expect(first == 64)
        for vector in Self.clustered(8_000, clusters: 10, spread: 0.5, seed: 7) { try index.insert(vector) }
        #expect(index.listCount == 178) // clustered at 500, 2,000 and 8,000 entries: 2√8,000
    }

    @Test func badVectorsAreRefused() {
        var index = IVFIndex(dimension: 4)
        #expect(throws: IndexError.self) { try index.insert([1, 2, 3]) }
        #expect(throws: IndexError.self) { try index.insert([0, 0, 0, 0]) }
        #expect(throws: IndexError.self) { try index.search([.nan, 0, 0, 1], within: 0.1, k: 1) }
    }
}
