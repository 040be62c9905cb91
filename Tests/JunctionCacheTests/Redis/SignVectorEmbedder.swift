import JunctionEncoder
import Synchronization

/// A deterministic `TextEmbedder` whose vectors make cosine distances exact: every vector is sixteen ±1
/// components, so after normalisation each component is ±0.25 and the distance between two vectors is
/// (number of differing signs) / 8, with no rounding in float32. Known texts get the vector of their sign
/// flips; any other text a reproducible vector of its own. Counts what it embedded.
final class SignVectorEmbedder: TextEmbedder {
    static let width = 16
    let modelName = "test/sign-vectors"
    let dimension: Int
    private let table: [String: [Float]]
    private let log = Mutex<[String]>([])

    /// `texts` maps a text to the components to flip (0..<16).
    init(dimension: Int = SignVectorEmbedder.width, texts: [String: [Int]] = [:]) {
        self.dimension = dimension
        self.table = texts.mapValues { Self.vector(flipping: $0, dimension: dimension) }
    }

    /// Sixteen ones, with the components at `flips` negated: at distance `flips.count / 8` from no flips.
    static func vector(flipping flips: [Int], dimension: Int = width) -> [Float] {
        var vector = [Float](repeating: 1, count: dimension)
        for index in flips { vector[index] = -1 }
        return vector
    }

    /// Every text embedded so far, in order.
    var embeddedTexts: [String] { log.withLock { $0 } }

    func vectors(for texts: [String]) async -> [[Float]] {
        log.withLock { $0 += texts }
        return texts.map { text in
            if let known = table[text] { return known }
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            let flips = (0..<dimension).filter { hash >> UInt64($0 % 64) & 1 == 1 }
            return Self.vector(flipping: flips, dimension: dimension)
        }
    }
}
