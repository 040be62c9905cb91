import ArgumentParser

/// `junction`: the root command.
struct JunctionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "junction",
        abstract: "Semantic router, semantic cache and prompt guard for LLM traffic.",
        subcommands: [EmbedCommand.self, BenchCommand.self]
    )
}
