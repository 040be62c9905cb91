import ArgumentParser
import Foundation
import JunctionEncoder
import JunctionRouter

/// Options of the commands that load a router file.
struct RouterOptions: ParsableArguments {
    @Option(name: .long, help: "RedisVL-format router file (YAML or JSON).")
    var router: String

    @Option(name: .long, help: "Keep the router and its reference vectors in DIR, so unchanged references are not embedded again.")
    var dataDir: String?

    @OptionGroup var encoderOptions: EncoderOptions

    /// Loads the encoder and the router file, embedding the references with progress on standard error.
    func load() async throws -> (SemanticRouter, SentenceEncoder) {
        let definition = try RouterDefinition.load(from: URL(fileURLWithPath: router))
        let encoder = try encoderOptions.loadEncoder()
        if definition.vectorizer.model != encoder.modelName {
            Terminal.log("warning: \(router) was written for \(definition.vectorizer.model); embedding its references with \(encoder.modelName)")
        }
        let store = dataDir.map { RouterStore(dataDirectory: URL(fileURLWithPath: $0), routerName: definition.name) }
        let progress = ProgressReporter(label: "embedding references")
        let router = try await SemanticRouter(definition: definition, embedder: encoder, store: store) { done, total in
            progress.report(done, of: total)
        }
        return (router, encoder)
    }
}
