import ArgumentParser

/// `junction`: the root command.
struct JunctionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "junction",
        abstract: "Semantic router, semantic cache and prompt guard for LLM traffic.",
        subcommands: [ServeCommand.self, EmbedCommand.self, RouteCommand.self, CacheCommand.self, GuardCommand.self, EvalCommand.self, FitCommand.self, BenchCommand.self,
                      FakeUpstreamCommand.self, ValidateCommand.self]
    )
}
