import ArgumentParser
import Foundation
import JunctionGuard

/// Options of the commands that run the trained guard.
struct GuardOptions: ParsableArguments {
    @OptionGroup var encoderOptions: EncoderOptions

    @Option(name: .long, help: "Folder with pii-head.json and attack-head.json (default: the repository's Models/guard, or $JUNCTION_GUARD_HEADS).")
    var heads: String?

    @Option(name: .long, help: "Report findings scoring at least this (0-1).")
    var minScore = 0.5

    func validate() throws {
        guard (0...1).contains(minScore) else { throw ValidationError("--min-score must be between 0 and 1") }
    }

    /// Loads the encoder and the heads; a head trained on another model is an error that says so.
    func loadGuard(cacheCapacity: Int = 2048) async throws -> PromptGuard {
        let encoder = try encoderOptions.loadEncoder()
        let folder = try heads.map { URL(fileURLWithPath: $0) } ?? ProjectPaths.guardHeadsFolder()
        do {
            return try await PromptGuard.load(encoder: encoder, directory: folder, cacheCapacity: cacheCapacity)
        } catch {
            throw CLIError(error.message)
        }
    }
}
