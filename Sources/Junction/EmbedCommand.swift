import ArgumentParser
import Foundation
import JunctionEmbeddings
import JunctionEncoder
import JunctionJSON
import JunctionRedis

/// `junction embed`: sentence embeddings as JSON lines.
struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Print the sentence embedding of each text as one JSON object per line.",
        discussion: """
            With no TEXT, reads one text per line from standard input. Each output line is
            {"text": "...", "tokens": N, "embedding": [...]}, where tokens counts the special tokens
            ([CLS] and [SEP], or <s> and </s>); it is null for a provider's embeddings (--vectorizer openai
            or azure_openai). With --redis URL --embeddings-cache NAME, texts RedisVL's EmbeddingsCache NAME
            holds are read from it instead of embedded, and the others are stored there.
            """
    )

    @OptionGroup var encoderOptions: EncoderOptions

    @OptionGroup var vectorizerOptions: VectorizerOptions

    @Option(name: .long, help: ArgumentHelp("Redis holding the embeddings cache (--embeddings-cache).", valueName: "url"))
    var redis: String?

    @Option(name: .long, help: "Texts embedded together when reading standard input.")
    var batchSize: Int = 32

    @Argument(help: "Texts to embed.")
    var texts: [String] = []

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        if let redis {
            do { _ = try RedisConfiguration(url: redis) } catch { throw ValidationError("--redis: \(error.message)") }
        }
    }

    func run() async throws {
        guard vectorizerOptions.vectorizer ?? "hf" != "hf" || vectorizerOptions.embeddingsCache != nil else {
            let encoder = try encoderOptions.loadEncoder()
            try each { batch in
                let embeddings = encoder.encode(batch)
                return (embeddings.map(\.tokenCount), embeddings.map(\.vector))
            }
            return
        }
        let client = try redis.map { RedisClient(configuration: try RedisConfiguration(url: $0)) }
        var registry: EmbedderRegistry?
        do {
            try await client?.connect()
            let made = try vectorizerOptions.registry(encoderOptions: encoderOptions, redis: client)
            registry = made
            let embedder = try await vectorizerOptions.embedder(registry: made, encoderOptions: encoderOptions)
            let tokenizer = ((embedder as? CachedEmbedder)?.base as? SentenceEncoder)?.tokenizer
            var pending: [[String]] = []
            try each { batch in
                pending.append(batch)
                return nil
            }
            for batch in pending {
                let vectors = try await embedder.vectors(for: batch)
                write(batch, tokens: batch.map { tokenizer?.encode($0).count }, vectors)
            }
            await made.shutdown()
            await client?.close()
        } catch {
            await registry?.shutdown()
            await client?.close()
            if let error = error as? EmbeddingsError { throw CLIError(error.message) }
            throw error
        }
    }

    /// Runs `embed` over the texts (the arguments, else standard input by `--batch-size`), writing its
    /// answer for each batch; `embed` returning nil writes nothing (the caller embeds later).
    private func each(_ embed: ([String]) throws -> ([Int?], [[Float]])?) throws {
        func flush(_ batch: [String]) throws {
            if let (tokens, vectors) = try embed(batch) { write(batch, tokens: tokens, vectors) }
        }
        if !texts.isEmpty {
            try flush(texts)
            return
        }
        var batch: [String] = []
        while let line = readLine(strippingNewline: true) {
            batch.append(line)
            if batch.count == batchSize {
                try flush(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try flush(batch) }
    }

    private func write(_ texts: [String], tokens: [Int?], _ vectors: [[Float]]) {
        var out = ""
        for (index, (text, vector)) in zip(texts, vectors).enumerated() {
            let count = tokens[index].map(String.init) ?? "null"
            out += "{\"text\": \(JSONText.quote(text)), \"tokens\": \(count), \"embedding\": \(JSONText.array(vector))}\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
