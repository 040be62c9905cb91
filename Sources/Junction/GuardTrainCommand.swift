import ArgumentParser
import Foundation
import JunctionGuard

/// `junction guard train`: trains the PII token head and the attack head in Swift and writes them.
struct GuardTrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the guard's PII and attack heads on the training part of labelled data.",
        discussion: """
            Writes pii-head.json and attack-head.json to --out. The held-out part of each file (one PII
            template in five, one prompt in five per jailbreak source) is never trained on, so that
            `junction guard eval` reports figures on unseen data. Users never need this: the heads trained
            for all-MiniLM-L6-v2 are committed under Models/guard/.
            """
    )

    @OptionGroup var encoderOptions: EncoderOptions

    @Option(help: "PII data (JSON lines with text and entities); trains pii-head.json.")
    var pii: String?

    @Option(help: "Jailbreak data (JSON lines with text, label and source); trains attack-head.json.")
    var jailbreak: String?

    @Option(help: "Folder to write the heads to (created if missing).")
    var out: String

    @Option(help: "Passes over the PII tokens (default 12).")
    var epochs: Int?

    func validate() throws {
        guard pii != nil || jailbreak != nil else { throw ValidationError("give --pii FILE and/or --jailbreak FILE") }
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1") }
    }

    func run() async throws {
        let encoder = try encoderOptions.loadEncoder()
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let pii {
            let examples = try GuardData.piiExamples(at: URL(fileURLWithPath: pii)).filter { !$0.isHeldOut }
            Terminal.log("PII head: \(examples.count) training texts")
            var trainer = PIIHeadTrainer()
            if let epochs { trainer.trainer.epochs = epochs }
            let head = await trainer.train(examples, encoder: encoder) { Terminal.log($0) }
            try head.write(to: folder.appendingPathComponent(PromptGuard.piiHeadFile))
            print("wrote \(folder.appendingPathComponent(PromptGuard.piiHeadFile).path) (model \(encoder.modelName))")
        }
        if let jailbreak {
            let examples = try GuardData.jailbreakExamples(at: URL(fileURLWithPath: jailbreak)).filter { !$0.isHeldOut }
            Terminal.log("attack head: embedding \(examples.count) training prompts")
            let progress = ProgressReporter(label: "embedded", minimumTotal: 1)
            let vectors = await AttackHeadTrainer.embeddings(examples.map(\.text), encoder: encoder) {
                progress.report($0, of: examples.count)
            }
            let head = AttackHeadTrainer().train(examples, vectors: vectors, modelName: encoder.modelName) { Terminal.log($0) }
            try head.write(to: folder.appendingPathComponent(PromptGuard.attackHeadFile))
            print("wrote \(folder.appendingPathComponent(PromptGuard.attackHeadFile).path) (model \(encoder.modelName))")
        }
    }
}
