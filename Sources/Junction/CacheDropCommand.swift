import ArgumentParser
import JunctionCache

/// `junction cache drop ID...`: removes entries by id or key.
struct CacheDropCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drop",
        abstract: "Remove entries by id or by key (NAME:ID); prints how many existed."
    )

    @Argument(help: "Entry ids or keys.")
    var entries: [String]

    @OptionGroup var cacheOptions: CacheOptions

    func validate() throws {
        guard !entries.isEmpty else { throw ValidationError("give at least one entry id or key") }
    }

    func run() async throws {
        let prefix = cacheOptions.name + ":"
        let keys = entries.filter { $0.hasPrefix(prefix) }
        let ids = entries.filter { !$0.hasPrefix(prefix) }
        let dropped = try await cacheOptions.withCache { try await $0.drop(ids: ids, keys: keys) }
        print("dropped \(dropped) of \(entries.count)")
    }
}
