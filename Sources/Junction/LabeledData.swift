import Foundation
import JunctionEncoder
import JunctionRouter

/// Labelled examples with their embeddings, loaded for `eval` and `fit`.
struct LabeledData {
    let examples: [LabeledExample]
    let vectors: [[Float]]

    /// Reads `path` and embeds every text in batches, with progress on standard error.
    /// Labels must name routes of `definition` (or be null).
    static func load(_ path: String, for definition: RouterDefinition, embedder: any TextEmbedder) async throws -> LabeledData {
        let examples = try LabeledExample.load(from: URL(fileURLWithPath: path))
        let names = Set(definition.routes.map(\.name))
        if let unknown = examples.first(where: { $0.label.map { !names.contains($0) } ?? false }) {
            throw CLIError("\(path): label \(unknown.label!) is not a route of router \(definition.name)")
        }
        let progress = ProgressReporter(label: "embedding examples")
        var vectors: [[Float]] = []
        vectors.reserveCapacity(examples.count)
        for start in stride(from: 0, to: examples.count, by: 64) {
            let batch = examples[start..<min(start + 64, examples.count)].map(\.text)
            vectors += try await embedder.vectors(for: batch)
            progress.report(vectors.count, of: examples.count)
        }
        return LabeledData(examples: examples, vectors: vectors)
    }

    /// Route positions of the labels (-1 for no route).
    func labelPositions(in definition: RouterDefinition) -> [Int] {
        let positions = Dictionary(uniqueKeysWithValues: definition.routes.enumerated().map { ($1.name, $0) })
        return examples.map { $0.label.flatMap { positions[$0] } ?? -1 }
    }

    /// The router's prediction for every example.
    func predictions(by router: SemanticRouter) throws -> [String?] {
        try vectors.map { try router.route(vector: $0)?.name }
    }

    /// Which examples may become references of their route: in scope, not
    /// already a reference of it, and not a repeat of an earlier example.
    func addable(in definition: RouterDefinition) -> [Bool] {
        var seen: Set<String> = []
        let references = Set(definition.routes.flatMap { route in route.references.map { route.name + "\u{1F}" + $0 } })
        return examples.map { example in
            guard let label = example.label else { return false }
            let key = label + "\u{1F}" + example.text
            return !references.contains(key) && seen.insert(key).inserted
        }
    }
}
