import Foundation
import JunctionEncoder
import Synchronization

/// A `TextEmbedder` that counts what it embeds: a vector per text from the text's bytes, optionally slowed
/// down so concurrent callers overlap.
final class CountingEmbedder: TextEmbedder {
    let modelName: String
    let dimension = 4
    let delay: Duration
    private let embedded = Mutex<[String]>([])

    init(modelName: String = "counting-model", delay: Duration = .zero) {
        self.modelName = modelName
        self.delay = delay
    }

    /// Every text embedded so far, in call order.
    var texts: [String] { embedded.withLock { $0 } }

    func vectors(for texts: [String]) async throws -> [[Float]] {
        embedded.withLock { $0 += texts }
        if delay > .zero { try await Task.sleep(for: delay) }
        return texts.map(Self.vector)
    }

    static func vector(_ text: String) -> [Float] {
        let bytes = Array(text.utf8)
        return [Float(bytes.count), Float(bytes.first ?? 0), Float(bytes.last ?? 0), 1]
    }
}

/// Paths of the package.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let monitor = packageRoot.appendingPathComponent("Tests/JunctionEmbeddingsTests/Fixtures/embeddings-cache-monitor.txt")
}
