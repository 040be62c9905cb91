import JunctionEncoder
import Synchronization

/// A deterministic `TextEmbedder`: known texts get hand-chosen vectors (so
/// distances are known exactly), others a fixed pseudo-random vector derived
/// from the text. Counts what it embedded, to prove persistence avoids re-embedding.
final class FakeEmbedder: TextEmbedder {
    let modelName: String
    let dimension: Int
    private let table: [String: [Float]]
    private let log = Mutex<(texts: [String], calls: Int)>(([], 0))

    init(modelName: String = "fake/model", dimension: Int = 2, table: [String: [Float]] = [:]) {
        precondition(table.values.allSatisfy { $0.count == dimension })
        self.modelName = modelName
        self.dimension = dimension
        self.table = table
    }

    /// Every text embedded so far, in order (repeats included).
    var embeddedTexts: [String] { log.withLock { $0.texts } }
    /// How many texts were embedded so far.
    var embeddedCount: Int { log.withLock { $0.texts.count } }
    /// How many times `vectors(for:)` was called.
    var calls: Int { log.withLock { $0.calls } }

    func vectors(for texts: [String]) async -> [[Float]] {
        log.withLock { $0.texts += texts; $0.calls += 1 }
        return texts.map { table[$0] ?? Self.fallback($0, dimension: dimension) }
    }

    /// A reproducible non-zero vector for any text (FNV-1a seeds a SplitMix64).
    static func fallback(_ text: String, dimension: Int) -> [Float] {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        var generator = SeededGenerator(seed: hash)
        var vector = (0..<dimension).map { _ in Float.random(in: -1...1, using: &generator) }
        vector[0] += 2
        return vector
    }
}
