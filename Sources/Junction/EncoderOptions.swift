import ArgumentParser
import Foundation
import JunctionEncoder

/// Options shared by every command that embeds text.
struct EncoderOptions: ParsableArguments {
    @Option(name: .long, help: "Hugging Face sentence-transformers BERT directory (default: all-MiniLM-L6-v2 installed by scripts/setup).")
    var model: String?

    @Option(name: .long, help: "Threads for one matrix product.")
    var threads: Int = 1

    @Option(name: .long, help: "Number format of the dense layers' weights: fp32 (exact, default), bf16 or int8 (faster, within the bounds docs/encoder.md gives).")
    var precision: EncoderPrecision = .fp32

    @Flag(name: .shortAndLong, help: "Print the model and the BLAS kernels in use to standard error.")
    var verbose = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    /// Loads the encoder, saying what was loaded when verbose.
    func loadEncoder(threads override: Int? = nil, precision chosen: EncoderPrecision? = nil) throws -> SentenceEncoder {
        let directory = try model.map { URL(fileURLWithPath: $0) } ?? ProjectPaths.defaultModel()
        let threads = override ?? self.threads
        let started = ContinuousClock.now
        let name = model == nil && ProcessInfo.processInfo.environment["JUNCTION_MODEL"] == nil ? ProjectPaths.defaultModelName : nil
        let precision = chosen ?? self.precision
        let encoder = try SentenceEncoder(
            directory: directory, name: name, configuration: EncoderConfiguration(threads: threads, precision: precision)
        )
        if verbose {
            let c = encoder.configuration
            let elapsed = ContinuousClock.now - started
            Terminal.log("model \(directory.path): BERT \(c.layerCount) layers, \(c.headCount) heads, \(encoder.dimension)-d, \(encoder.pooling.rawValue) pooling, max \(encoder.maxSequenceLength) tokens, loaded in \(Int(elapsed.milliseconds.rounded())) ms")
            Terminal.log("BLAS: \(BLASCoreSelection.summary); dense layers: \(encoder.kernelDescription); \(threads) thread\(threads == 1 ? "" : "s")")
            Terminal.log("CPU: \(MachineInfo.cpuModel); features: \(SentenceEncoder.cpuFeatures)")
        }
        return encoder
    }
}

extension EncoderPrecision: ExpressibleByArgument {}
