import ArgumentParser

/// `junction bench`: benchmarks that print Junction side by side with its peers.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks against the Python peers, run side by side on this machine.",
        subcommands: [BenchEmbedCommand.self, BenchAccuracyCommand.self, BenchRouteCommand.self, BenchRouteQualityCommand.self, BenchCacheCommand.self,
                      BenchGatewayCommand.self, BenchLimitsCommand.self, BenchSessionsCommand.self, BenchGuardCommand.self]
    )
}
