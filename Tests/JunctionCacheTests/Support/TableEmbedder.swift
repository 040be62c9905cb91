import JunctionEncoder
import Synchronization

/// A `TextEmbedder` with hand-chosen vectors for known texts (so distances are known exactly) and a fixed
/// vector for others; counts the texts it embedded, to prove a path did not embed.
final class TableEmbedder: TextEmbedder {
    let modelName: String
    let dimension: Int
    private let table: [String: [Float]]
    private let embedded = Mutex(0)

    init(modelName: String = "fake/model", table: [String: [Float]]) {
        self.modelName = modelName
        self.dimension = table.values.first?.count ?? 3
        self.table = table
    }

    var embeddedCount: Int { embedded.withLock { $0 } }

    func vectors(for texts: [String]) async -> [[Float]] {
        embedded.withLock { $0 += texts.count }
        return texts.map { table[$0] ?? [0, 0, 1] }
    }
}

/// A clock tests move by hand (Unix seconds).
final class TestClock: Sendable {
    private let time = Mutex(1_800_000_000.0)
    var now: Double { time.withLock { $0 } }
    func advance(_ seconds: Double) { time.withLock { $0 += seconds } }
}
