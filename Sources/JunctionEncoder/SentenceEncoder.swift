import Foundation
import JunctionTokenizer
import Synchronization

/// A sentence encoder run in-process: text → WordPiece tokens → transformer (BERT or MPNet) →
/// pooling → L2-normalised vector, matching sentence-transformers.
///
/// Safe to use from any number of threads and tasks: tokenization runs on the
/// caller, the forward pass on the encoder's own inference thread, which
/// batches requests that arrive together.
public final class SentenceEncoder: Sendable {
    /// The model's tokenizer, truncating at the sentence model's `max_seq_length`.
    public let tokenizer: WordPieceTokenizer
    /// The model's shape and architecture.
    public let configuration: TransformerConfiguration
    /// How token vectors are pooled into the sentence vector.
    public let pooling: Pooling
    /// The model's name for router files and cache keys (`vectorizer.model`).
    public let modelName: String
    /// Longest input in tokens, `[CLS]` and `[SEP]` included; longer texts are truncated.
    public let maxSequenceLength: Int
    /// How the encoder runs: precision, inference threads, threads per product.
    public let settings: EncoderConfiguration
    private let worker: InferenceWorker

    /// Loads a Hugging Face sentence-transformers directory whose `config.json` names an architecture
    /// Junction runs (`ModelArchitecture`: BERT or MPNet). `name` is
    /// the model's Hugging Face name (default: the directory's name).
    ///
    /// Throws `EncoderError` naming the missing file or unsupported setting.
    public init(
        directory: URL, name: String? = nil, configuration settings: EncoderConfiguration = EncoderConfiguration()
    ) throws(EncoderError) {
        modelName = name ?? directory.standardizedFileURL.lastPathComponent
        let directory = try ModelDirectory(url: directory)
        do {
            tokenizer = try WordPieceTokenizer.load(directory: directory.url, maxLength: directory.maxSequenceLength)
        } catch {
            throw EncoderError(code: "tokenizer_\(error.code)", message: error.message)
        }
        guard tokenizer.vocabulary.count <= directory.transformer.vocabularySize else {
            throw EncoderError.unsupported(directory.url.path, "the tokenizer has \(tokenizer.vocabulary.count) tokens but the model only \(directory.transformer.vocabularySize)")
        }
        let model = try directory.loadModel(precision: settings.precision)
        configuration = directory.transformer
        pooling = directory.pooling
        maxSequenceLength = directory.maxSequenceLength
        self.settings = settings
        worker = InferenceWorker(model: model, pooling: pooling, configuration: settings)
    }

    deinit {
        worker.stop()
    }

    /// Name of the small-batch matrix kernel chosen for this CPU (`avx512`, `avx2` or `portable`).
    public static var kernelName: String { PackedLinear.kernelName }

    /// Name of the dense-layer kernel this CPU runs for `precision` (`avx512`, `avx512-bf16`, `avx512-vnni`,
    /// `avx-vnni`, `avx2` or `portable`).
    public static func kernelName(for precision: EncoderPrecision) -> String { MatrixKernel.best(for: precision).label }

    /// The CPU features the kernels look for that this CPU has (`avx2 fma avx512f avx512bw avx512_bf16 ...`).
    public static var cpuFeatures: String { MatrixKernel.cpuFeatures }

    /// The dense-layer precision and kernel this encoder runs, e.g. `int8 (avx512-vnni kernel)`.
    public var kernelDescription: String {
        "\(settings.precision.rawValue) (\(Self.kernelName(for: settings.precision)) kernel)"
    }

    /// Width of the sentence vectors.
    public var dimension: Int { configuration.hiddenSize }

    /// Embeds `texts` in order, suspending while the inference thread works.
    public func embed(_ texts: [String]) async -> [SentenceEmbedding] {
        guard !texts.isEmpty else { return [] }
        let sequences = texts.map { tokenizer.encode($0).ids }
        return await withCheckedContinuation { continuation in
            worker.submit(sequences) { continuation.resume(returning: $0.map(\.embedding)) }
        }
    }

    /// Encodes `texts` in order in one forward pass each, keeping what token-level heads need beside the
    /// sentence embedding: the tokens with their offsets in the text and the last layer's token states. The
    /// embeddings are `embed(_:)`'s (bit-identical for the same batch; when the worker packs concurrent
    /// requests together, float rounding may differ in the last bits).
    public func encodeWithStates(_ texts: [String]) async -> [EncodedText] {
        await encodeWithStates(tokenized: texts.map { tokenizer.encodeWithOffsets($0) })
    }

    /// Encodes already tokenized texts (for example windows of a text longer than ``maxSequenceLength``,
    /// each at most that long, framed by `[CLS]` and `[SEP]`) in one forward pass each, as
    /// `encodeWithStates(_:)` does.
    public func encodeWithStates(tokenized: [TokenizedText]) async -> [EncodedText] {
        guard !tokenized.isEmpty else { return [] }
        let results = await withCheckedContinuation { continuation in
            worker.submit(tokenized.map(\.ids), keepStates: true) { continuation.resume(returning: $0) }
        }
        return zip(tokenized, results).map { tokens, result in
            EncodedText(tokens: tokens, embedding: result.embedding, tokenStates: result.tokenStates ?? [])
        }
    }

    /// Embeds `texts` in order, blocking the calling thread. For command-line
    /// tools and benchmarks; servers call `embed(_:)`.
    public func encode(_ texts: [String]) -> [SentenceEmbedding] {
        guard !texts.isEmpty else { return [] }
        let sequences = texts.map { tokenizer.encode($0).ids }
        let done = DispatchSemaphore(value: 0)
        let box = Mutex<[SentenceEmbedding]>([])
        worker.submit(sequences) { results in
            box.withLock { $0 = results.map(\.embedding) }
            done.signal()
        }
        done.wait()
        return box.withLock { $0 }
    }
}
