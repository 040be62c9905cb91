import ArgumentParser
import Foundation
import JunctionEncoder
import JunctionRedis
import JunctionRouter

/// Options of the commands that load a router file.
struct RouterOptions: ParsableArguments {
    @Option(name: .long, help: "RedisVL-format router file (YAML or JSON).")
    var router: String

    @Option(name: .long, help: "Keep the router and its reference vectors in DIR, so unchanged references are not embedded again.")
    var dataDir: String?

    @OptionGroup var encoderOptions: EncoderOptions

    /// Loads the encoder and the router file, embedding the references with progress on standard error.
    func load() async throws -> (SemanticRouter, SentenceEncoder) {
        let encoder = try encoderOptions.loadEncoder()
        return (try await Self.loadEmbedded(file: router, dataDir: dataDir, encoder: encoder), encoder)
    }

    /// The router file on the embedded index, saved under `dataDir` when given.
    static func loadEmbedded(file: String, dataDir: String?, encoder: SentenceEncoder) async throws -> SemanticRouter {
        let definition = try RouterDefinition.load(from: URL(fileURLWithPath: file))
        warnIfOtherModel(definition, source: file, encoder: encoder)
        let store = dataDir.map { RouterStore(dataDirectory: URL(fileURLWithPath: $0), routerName: definition.name) }
        let progress = ProgressReporter(label: "embedding references")
        return try await SemanticRouter(definition: definition, embedder: encoder, store: store) { done, total in
            progress.report(done, of: total)
        }
    }

    static func warnIfOtherModel(_ definition: RouterDefinition, source: String, encoder: SentenceEncoder) {
        if definition.vectorizer.model != encoder.modelName {
            Terminal.log("warning: \(source) was written for \(definition.vectorizer.model); embedding its references with \(encoder.modelName)")
        }
    }
}

/// Where `junction route` finds its router: a file on the embedded index, or
/// Redis (RedisVL's layout) — attached by name, or created there from a file.
struct RouterSourceOptions: ParsableArguments {
    @Option(name: .long, help: "RedisVL-format router file (YAML or JSON). With --redis, the router is created on Redis from it (replacing one of the same name).")
    var router: String?

    @Option(name: .long, help: ArgumentHelp("Route on this Redis (8.x with the query engine, or Redis Stack), in RedisVL's layout.", valueName: "url"))
    var redis: String?

    @Option(name: .long, help: "With --redis: attach to the router of this name already on Redis (RedisVL's from_existing).")
    var name: String?

    @Flag(name: .long, help: "With --redis and --router: when Redis cannot be reached, warn and route with the embedded index instead.")
    var redisFallback = false

    @Option(name: .long, help: "Keep the router and its reference vectors in DIR, so unchanged references are not embedded again (embedded index only).")
    var dataDir: String?

    @OptionGroup var encoderOptions: EncoderOptions

    func validate() throws {
        guard let redis else {
            if name != nil { throw ValidationError("--name needs --redis URL (it names a router stored on Redis)") }
            if redisFallback { throw ValidationError("--redis-fallback needs --redis URL and --router FILE") }
            if router == nil { throw ValidationError("Missing expected argument '--router <router>' (or give --redis URL with --name NAME)") }
            return
        }
        do {
            _ = try RedisConfiguration(url: redis)
        } catch {
            throw ValidationError("--redis: \(error.message)")
        }
        if router != nil, name != nil {
            throw ValidationError("give --name NAME (attach to an existing router) or --router FILE (create it from the file, named by the file), not both")
        }
        if router == nil, name == nil {
            throw ValidationError("--redis needs --name NAME (attach to an existing router) or --router FILE (create it there from the file)")
        }
        if redisFallback, router == nil {
            throw ValidationError("--redis-fallback needs --router FILE: it is what the embedded index routes with when Redis is unreachable")
        }
        if dataDir != nil, !redisFallback {
            throw ValidationError("--data-dir is for the embedded index; with --redis the router lives on Redis (combine it with --redis-fallback only)")
        }
    }

    /// The router, and what to close when done.
    struct Loaded {
        let router: any Router
        let client: RedisClient?

        func close() async {
            await client?.close()
        }
    }

    /// Loads the router: embedded, attached on Redis, or created there (Redis is
    /// contacted before the model loads, so an unreachable Redis fails fast).
    func load() async throws -> Loaded {
        guard let redis else {
            let encoder = try encoderOptions.loadEncoder()
            return Loaded(router: try await RouterOptions.loadEmbedded(file: router!, dataDir: dataDir, encoder: encoder), client: nil)
        }
        // Read the file first: a bad file is reported before Redis is contacted.
        let definition = try router.map { try RouterDefinition.load(from: URL(fileURLWithPath: $0)) }
        let configuration = try RedisConfiguration(url: redis)
        let shown = configuration.redactedURL
        let client = RedisClient(configuration: configuration)
        do {
            try await client.connect()
        } catch {
            // The client's message names the URL (without its password).
            let reason = error.message.contains(shown) ? error.message : "cannot reach Redis at \(shown): \(error.message)"
            await client.close()
            guard redisFallback, let file = router else { throw CLIError(reason) }
            Terminal.log("warning: \(reason); routing with the embedded index instead")
            let encoder = try encoderOptions.loadEncoder()
            return Loaded(router: try await RouterOptions.loadEmbedded(file: file, dataDir: dataDir, encoder: encoder), client: nil)
        }
        let encoder: SentenceEncoder
        do {
            encoder = try encoderOptions.loadEncoder()
        } catch {
            await client.close()
            throw error
        }
        do {
            if let definition, let file = router {
                RouterOptions.warnIfOtherModel(definition, source: file, encoder: encoder)
                let progress = ProgressReporter(label: "embedding references")
                let created = try await RedisSemanticRouter.create(
                    definition: definition, client: client, embedder: encoder, overwrite: true
                ) { done, total in progress.report(done, of: total) }
                return Loaded(router: created, client: client)
            }
            let attached = try await RedisSemanticRouter.attach(name: name!, client: client, embedder: encoder)
            if attached.definition.vectorizer.model != encoder.modelName {
                Terminal.log("warning: router \(name!) on \(shown) was stored with \(attached.definition.vectorizer.model); routing with \(encoder.modelName)")
            }
            return Loaded(router: attached, client: client)
        } catch {
            await client.close()
            throw CLIError("\(shown): \(error.message)")
        }
    }
}
