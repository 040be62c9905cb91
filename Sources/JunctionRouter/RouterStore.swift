import Foundation
import JunctionIndex

/// Where an embedded router persists itself: `<data directory>/routers/<name>/`
/// holding `router.json` (the RedisVL dict) and `vectors.jvec` (reference
/// vectors keyed by RedisVL's embeddings-cache key, so unchanged references
/// are never embedded again). Both are written atomically.
public struct RouterStore: Sendable {
    /// The router's folder.
    public let directory: URL

    /// The store for router `name` under `dataDirectory`.
    public init(dataDirectory: URL, routerName name: String) {
        let safe = name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? String($0) : "_" }.joined()
        directory = dataDirectory.appendingPathComponent("routers").appendingPathComponent(safe + "-" + ReferenceID.of(name).prefix(8))
    }

    var definitionURL: URL { directory.appendingPathComponent("router.json") }
    var vectorsURL: URL { directory.appendingPathComponent("vectors.jvec") }

    /// The saved definition, if any.
    public func loadDefinition() throws(RouterError) -> RouterDefinition? {
        guard FileManager.default.fileExists(atPath: definitionURL.path) else { return nil }
        return try RouterDefinition.load(from: definitionURL)
    }

    /// Saves the definition atomically.
    public func save(_ definition: RouterDefinition) throws(RouterError) {
        do {
            try AtomicFile.write(try definition.json(), to: definitionURL)
        } catch let error as IndexError {
            throw RouterError(code: "storage", message: error.message)
        } catch {
            throw RouterError(code: "storage", message: "\(error)")
        }
    }

    /// Saved vectors by embeddings-cache key; empty when none were saved or
    /// they were made by a model of another width (they are then re-embedded).
    func loadVectors(dimension: Int) throws(RouterError) -> [String: [Float]] {
        do {
            return try VectorFile.read(from: vectorsURL, dimension: dimension)
        } catch where error.code == "dimension_mismatch" {
            return [:]
        } catch {
            throw RouterError(code: "storage", message: error.message)
        }
    }

    /// Saves vectors atomically.
    func saveVectors(_ vectors: [String: [Float]], dimension: Int) throws(RouterError) {
        do {
            try VectorFile.write(vectors, dimension: dimension, to: vectorsURL)
        } catch {
            throw RouterError(code: "storage", message: error.message)
        }
    }

    /// Removes everything this router saved.
    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
