import Foundation
import JunctionTestSupport
import Testing

/// Locations of the test fixtures and of the default model installed by `scripts/setup`.
enum Fixtures {
    /// The package root.
    static let packageRoot = TestModels.packageRoot

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

    /// all-MiniLM-L6-v2 from `JUNCTION_MODEL_DIR` or the project venv (a recorded issue when it is missing).
    static func minilmDirectory() throws -> URL {
        do {
            return try TestModels.minilmDirectory()
        } catch {
            Issue.record("\(error.localizedDescription)")
            throw CancellationError()
        }
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
