import Foundation
import JunctionRouter

/// The texts `junction bench accuracy` embeds: the reference sentences with sentence-transformers' vectors,
/// the intent router's references and its labelled fit and test sets, and the cache pairs.
struct AccuracySets {
    let routerFile: String
    let fit: [LabeledExample]
    let test: [LabeledExample]
    let pairs: [CachePair]
    /// Reference sentence -> sentence-transformers' vector.
    let reference: [String: [Float]]
    let referenceCount: Int
    let routerReferences: [String]
    /// Every distinct text, in a stable order.
    let allTexts: [String]

    /// The texts whose routing decisions are compared: fit, then test.
    var routed: [LabeledExample] { fit + test }

    init(fixtures: String?, reference referencePath: String?) throws {
        guard let folder = fixtures.map({ URL(fileURLWithPath: $0) }) ?? ProjectPaths.fixturesFolder() else {
            throw CLIError("Tests/Fixtures not found: run from the project folder or give --fixtures")
        }
        let intents = folder.appendingPathComponent("intents")
        routerFile = intents.appendingPathComponent("router.yaml").path
        fit = try LabeledExample.load(from: intents.appendingPathComponent("fit.jsonl"))
        test = try LabeledExample.load(from: intents.appendingPathComponent("test.jsonl"))
        pairs = try CachePair.load(folder.appendingPathComponent("cache/pairs.jsonl").path)
        routerReferences = try RouterDefinition.load(from: URL(fileURLWithPath: routerFile)).routes.flatMap(\.references)
        let referenceURL = referencePath.map { URL(fileURLWithPath: $0) }
            ?? folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("shared/fixtures/minilm/reference.json")
        let entries = try Self.referenceEntries(referenceURL)
        reference = Dictionary(entries, uniquingKeysWith: { first, _ in first })
        referenceCount = entries.count
        var seen = Set<String>()
        let ordered = entries.map(\.0) + routerReferences + (fit + test).map(\.text) + pairs.flatMap { [$0.a, $0.b] }
        allTexts = ordered.filter { seen.insert($0).inserted }
    }

    /// `{"entries": [{"text", "embedding"}]}` as `../shared/fixtures/minilm/reference.json` holds them.
    private static func referenceEntries(_ url: URL) throws -> [(String, [Float])] {
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let list = object["entries"] as? [[String: Any]]
        else { throw CLIError("cannot read the reference vectors at \(url.path) (give --reference)") }
        return list.compactMap { entry in
            guard let text = entry["text"] as? String, let vector = entry["embedding"] as? [Double] else { return nil }
            return (text, vector.map(Float.init))
        }
    }
}
