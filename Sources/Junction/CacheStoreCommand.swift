import ArgumentParser
import Foundation
import JunctionCache
import JunctionJSON

/// `junction cache store PROMPT RESPONSE`: stores one entry and prints its key.
struct CacheStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Store RESPONSE as the answer to PROMPT; prints the entry's key."
    )

    @Argument(help: "The prompt.")
    var prompt: String

    @Argument(help: "The response to serve for it and its paraphrases.")
    var response: String

    @Option(name: .long, help: ArgumentHelp("A JSON object stored with the entry.", valueName: "json"))
    var metadata: String?

    @Option(name: .customLong("entry-ttl"), help: "Seconds this entry lives, instead of the cache's --ttl.")
    var entryTTL: Int?

    @OptionGroup var filterOptions: CacheFilterOptions
    @OptionGroup var cacheOptions: CacheOptions

    func validate() throws {
        _ = try parsedMetadata()
        if let entryTTL, entryTTL <= 0 { throw ValidationError("--entry-ttl must be a positive number of seconds") }
    }

    func parsedMetadata() throws -> [String: JSONValue]? {
        guard let metadata else { return nil }
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(metadata.utf8)) else {
            throw ValidationError("--metadata must be a JSON object, e.g. '{\"source\": \"faq\"}'")
        }
        return object
    }

    func run() async throws {
        let write = CacheWrite(prompt: prompt, response: response, metadata: try parsedMetadata(), filters: try filterOptions.filters(), ttl: entryTTL)
        let key = try await cacheOptions.withCache { try await $0.store(write) }
        print(key)
    }
}
