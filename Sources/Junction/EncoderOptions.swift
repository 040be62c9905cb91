import ArgumentParser
import Foundation
import JunctionEmbeddings
import JunctionEncoder

/// Options shared by every command that embeds text: which local model, and how it runs.
struct EncoderOptions: ParsableArguments {
    @Option(name: .long, help: "The model: minilm, mpnet, an installed model's name, or a sentence-transformers directory (default: the model a router names, else all-MiniLM-L6-v2; JUNCTION_MODEL sets another directory).")
    var model: String?

    @Option(name: .customLong("hf-model"), help: ArgumentHelp("Also serve the sentence-transformers directory DIR as hf model NAME, for routers and caches that name it (repeat for several).", valueName: "name=dir"))
    var hfModels: [String] = []

    @Option(name: .long, help: "Threads for one matrix product.")
    var threads: Int = 1

    @Option(name: .long, help: "Number format of the dense layers' weights: fp32 (exact, default), bf16 or int8 (faster, within the bounds docs/encoder.md gives).")
    var precision: EncoderPrecision = .fp32

    @Flag(name: .shortAndLong, help: "Print the model and the BLAS kernels in use to standard error.")
    var verbose = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        _ = try extraModels()
    }

    /// The models `--hf-model NAME=DIR` adds.
    func extraModels() throws -> [InstalledModel] {
        try hfModels.map { raw in
            guard let equals = raw.firstIndex(of: "="), equals != raw.startIndex, raw.index(after: equals) != raw.endIndex else {
                throw ValidationError("--hf-model '\(raw)': expected NAME=DIR")
            }
            return InstalledModel(name: String(raw[..<equals]), directory: URL(fileURLWithPath: String(raw[raw.index(after: equals)...])))
        }
    }

    /// Every local model this command may load: what `scripts/setup` installed, `JUNCTION_MODEL`, `--hf-model`
    /// and the directory `--model` names.
    func installedModels() throws -> [InstalledModel] {
        var models = try extraModels() + ProjectPaths.installedModels()
        if let configured = ProcessInfo.processInfo.environment["JUNCTION_MODEL"], !configured.isEmpty {
            let url = URL(fileURLWithPath: configured)
            models.insert(InstalledModel(name: url.standardizedFileURL.lastPathComponent, directory: url), at: 0)
        }
        if let model, let directory = Self.directory(model), !models.contains(where: { Self.sameFolder($0.directory, directory) }) {
            models.insert(InstalledModel(name: directory.standardizedFileURL.lastPathComponent, directory: directory), at: 0)
        }
        return models
    }

    /// The local model `--model` names, or the default (`JUNCTION_MODEL`, else all-MiniLM-L6-v2).
    func chosenModel() throws -> InstalledModel {
        let models = try installedModels()
        guard let model else {
            if let configured = ProcessInfo.processInfo.environment["JUNCTION_MODEL"], !configured.isEmpty, let first = models.first {
                return first
            }
            if let minilm = models.first(where: { $0.name == ProjectPaths.defaultModelName }) { return minilm }
            throw CLIError("no default model found: run scripts/setup (it installs all-MiniLM-L6-v2 into .venv), or pass --model DIR, or set JUNCTION_MODEL")
        }
        if let directory = Self.directory(model) {
            return models.first { Self.sameFolder($0.directory, directory) }!
        }
        let alias = ProjectPaths.setupModels.first { $0.alias == model.lowercased() }?.name
        let wanted = [alias, model, "sentence-transformers/" + model].compactMap { $0 }
        if let found = models.first(where: { wanted.contains($0.name) }) { return found }
        if alias != nil || wanted.contains(where: { name in ProjectPaths.setupModels.contains { $0.name == name } }) {
            throw CLIError("--model \(model): the model is not installed here: run scripts/setup")
        }
        throw CLIError("--model \(model): no such directory, and not an installed model (installed: \(models.map(\.name).joined(separator: ", ")); short names: minilm, mpnet)")
    }

    /// Loads the chosen local model in `precision` (default `--precision`), saying what was loaded when verbose.
    func loadEncoder(threads override: Int? = nil, precision chosenPrecision: EncoderPrecision? = nil) throws -> SentenceEncoder {
        let chosen = try chosenModel()
        let threads = override ?? self.threads
        let started = ContinuousClock.now
        let encoder = try SentenceEncoder(
            directory: chosen.directory, name: chosen.name,
            configuration: EncoderConfiguration(threads: threads, precision: chosenPrecision ?? precision)
        )
        if verbose { describe(encoder, at: chosen.directory, loadedIn: ContinuousClock.now - started) }
        return encoder
    }

    /// Says on standard error what a local model is and how it runs.
    func describe(_ encoder: SentenceEncoder, at directory: URL, loadedIn elapsed: Duration) {
        let c = encoder.configuration
        Terminal.log("model \(encoder.modelName) (\(directory.path)): \(c.architecture.rawValue) \(c.layerCount) layers, \(c.headCount) heads, \(encoder.dimension)-d, \(encoder.pooling.rawValue) pooling, max \(encoder.maxSequenceLength) tokens, loaded in \(Int(elapsed.milliseconds.rounded())) ms")
        Terminal.log("BLAS: \(BLASCoreSelection.summary); dense layers: \(encoder.kernelDescription); \(threads) thread\(threads == 1 ? "" : "s")")
        Terminal.log("CPU: \(MachineInfo.cpuModel); features: \(SentenceEncoder.cpuFeatures)")
    }

    /// The directory `text` names, if it is one.
    static func directory(_ text: String) -> URL? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: text, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        return URL(fileURLWithPath: text)
    }

    static func sameFolder(_ a: URL, _ b: URL) -> Bool {
        a.resolvingSymlinksInPath().standardizedFileURL.path == b.resolvingSymlinksInPath().standardizedFileURL.path
    }
}

extension EncoderPrecision: ExpressibleByArgument {}
