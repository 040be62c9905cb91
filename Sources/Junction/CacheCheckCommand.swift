import ArgumentParser
import JunctionCache

/// `junction cache check PROMPT`: the stored entries that answer a prompt, one JSON object per hit.
struct CacheCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Print the cached entries that answer PROMPT, one JSON object per hit (nothing on a miss)."
    )

    @Argument(help: "The prompt to look up.")
    var prompt: String

    @Option(name: .long, help: "Cosine distance under which a stored prompt answers (0 to 2; default: 0.1).")
    var distanceThreshold: Double?

    @Option(name: .long, help: "How many hits at most, nearest first.")
    var numResults = 1

    @OptionGroup var filterOptions: CacheFilterOptions
    @OptionGroup var cacheOptions: CacheOptions

    func validate() throws {
        if let distanceThreshold, !(0...2).contains(distanceThreshold) {
            throw ValidationError("--distance-threshold must be between 0 and 2 (cosine distance), got \(distanceThreshold)")
        }
        guard numResults >= 1 else { throw ValidationError("--num-results must be at least 1") }
    }

    func run() async throws {
        let lookup = CacheLookup(prompt: prompt, distanceThreshold: distanceThreshold, filters: try filterOptions.filters(), numResults: numResults)
        let hits = try await cacheOptions.withCache { try await $0.check(lookup) }
        for hit in hits { print(hit.jsonLine) }
        if hits.isEmpty {
            Terminal.log("no entry within \(distanceThreshold ?? cacheOptions.configuration.distanceThreshold) of the prompt")
        }
    }
}
