import ArgumentParser
import Foundation
import JunctionEncoder
import JunctionJSON

/// `junction embed`: sentence embeddings as JSON lines.
struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Print the sentence embedding of each text as one JSON object per line.",
        discussion: """
            With no TEXT, reads one text per line from standard input. Each output line is
            {"text": "...", "tokens": N, "embedding": [...]}, where tokens counts [CLS] and [SEP].
            """
    )

    @OptionGroup var encoderOptions: EncoderOptions

    @Option(name: .long, help: "Texts embedded together when reading standard input.")
    var batchSize: Int = 32

    @Argument(help: "Texts to embed.")
    var texts: [String] = []

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
    }

    func run() throws {
        let encoder = try encoderOptions.loadEncoder()
        if !texts.isEmpty {
            write(texts, encoder.encode(texts))
            return
        }
        var batch: [String] = []
        while let line = readLine(strippingNewline: true) {
            batch.append(line)
            if batch.count == batchSize {
                write(batch, encoder.encode(batch))
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { write(batch, encoder.encode(batch)) }
    }

    private func write(_ texts: [String], _ embeddings: [SentenceEmbedding]) {
        var out = ""
        for (text, embedding) in zip(texts, embeddings) {
            out += "{\"text\": \(JSONText.quote(text)), \"tokens\": \(embedding.tokenCount), \"embedding\": \(JSONText.array(embedding.vector))}\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
