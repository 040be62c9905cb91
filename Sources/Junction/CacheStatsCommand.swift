import ArgumentParser
import Foundation
import JunctionCache

/// `junction cache stats`: the cache's size, as JSON.
struct CacheStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print the cache's size as JSON (name, backend, entries, bytes; counters are this process's)."
    )

    @OptionGroup var cacheOptions: CacheOptions

    func run() async throws {
        let stats = try await cacheOptions.withCache { try await $0.stats() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(stats), as: UTF8.self))
    }
}
