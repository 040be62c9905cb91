import JunctionEncoder
import JunctionIndex
import Synchronization

/// A deterministic `TextEmbedder`: texts in the table get hand-chosen vectors (so route and cache distances
/// are known), any other text a fixed pseudo-random unit vector derived from it. Counts its calls.
final class TestEmbedder: TextEmbedder {
    let modelName = "test/embedder"
    let dimension: Int
    private let table: [String: [Float]]
    private let log = Mutex<[String]>([])

    init(dimension: Int = 8, table: [String: [Float]] = [:]) {
        precondition(table.values.allSatisfy { $0.count == dimension })
        self.dimension = dimension
        self.table = table
    }

    /// Every text embedded so far.
    var embedded: [String] { log.withLock { $0 } }

    func vectors(for texts: [String]) async -> [[Float]] {
        log.withLock { $0 += texts }
        return texts.map { table[$0] ?? Self.fallback($0, dimension: dimension) }
    }

    /// A reproducible vector for any text (FNV-1a seeds a SplitMix64), far from the axis vectors.
    static func fallback(_ text: String, dimension: Int) -> [Float] {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        var random = SplitMix64(seed: hash)
        return (0..<dimension).map { _ in Float(Double(random.next() % 20_000) / 10_000 - 1) }
    }

    /// The unit vector along axis `axis`, tilted towards the last axis so that its cosine distance to the
    /// pure axis vector is `distance`.
    static func axis(_ axis: Int, distance: Double = 0, dimension: Int = 8) -> [Float] {
        var vector = [Float](repeating: 0, count: dimension)
        let cosine = 1 - distance
        vector[axis] = Float(cosine)
        vector[dimension - 1] = Float((1 - cosine * cosine).squareRoot())
        return vector
    }
}
