import ArgumentParser

/// `junction guard`: the prompt guard's scan, evaluation and training.
struct GuardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guard",
        abstract: "Find PII, secrets and prompt attacks; evaluate and train the guard's heads.",
        subcommands: [GuardScanCommand.self, GuardEvalCommand.self, GuardTrainCommand.self]
    )
}
