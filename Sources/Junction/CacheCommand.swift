import ArgumentParser

/// `junction cache`: look up, store and manage a semantic cache, embedded or on Redis, and evaluate thresholds.
struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Look up, store and manage a semantic cache (embedded or on Redis), and pick its threshold from your data.",
        subcommands: [
            CacheCheckCommand.self, CacheStoreCommand.self, CacheDropCommand.self, CacheClearCommand.self,
            CacheStatsCommand.self, CacheEvalCommand.self,
        ]
    )
}
