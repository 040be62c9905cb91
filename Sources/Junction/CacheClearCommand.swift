import ArgumentParser
import JunctionCache

/// `junction cache clear`: removes every entry.
struct CacheClearCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear",
        abstract: "Remove every entry of the cache (the cache itself stays)."
    )

    @OptionGroup var cacheOptions: CacheOptions

    func run() async throws {
        let cleared = try await cacheOptions.withCache { try await $0.clear() }
        print("cleared \(cleared) entr\(cleared == 1 ? "y" : "ies")")
    }
}
