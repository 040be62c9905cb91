import ArgumentParser
import Foundation
import JunctionEmbeddings
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

    @OptionGroup var vectorizerOptions: VectorizerOptions

    /// Loads the router file with the embedder its vectorizer names, embedding the references with progress
    /// on standard error, and runs `body` with both.
    func withRouter<T>(_ body: (SemanticRouter, any TextEmbedder) async throws -> T) async throws -> T {
        let definition = try RouterDefinition.load(from: URL(fileURLWithPath: router))
        let registry = try vectorizerOptions.registry(encoderOptions: encoderOptions, redis: nil)
        do {
            let embedder = try await vectorizerOptions.embedder(
                registry: registry, encoderOptions: encoderOptions, routerVectorizer: definition.vectorizer, source: router
            )
            let loaded = try await Self.loadEmbedded(definition, file: router, dataDir: dataDir, embedder: embedder)
            let result = try await body(loaded, embedder)
            await registry.shutdown()
            return result
        } catch {
            await registry.shutdown()
            throw error
        }
    }

    /// The router of `file` on the embedded index, saved under `dataDir` when given.
    static func loadEmbedded(_ definition: RouterDefinition, file: String, dataDir: String?, embedder: any TextEmbedder) async throws -> SemanticRouter {
        let store = dataDir.map { RouterStore(dataDirectory: URL(fileURLWithPath: $0), routerName: definition.name) }
        let progress = ProgressReporter(label: "embedding references")
        return try await SemanticRouter(definition: definition, embedder: embedder, store: store) { done, total in
            progress.report(done, of: total)
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

    @OptionGroup var vectorizerOptions: VectorizerOptions

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
        let registry: EmbedderRegistry

        func close() async {
            await registry.shutdown()
            await client?.close()
        }
    }

    /// Loads the router: embedded, attached on Redis, or created there (Redis is contacted before the model
    /// loads, so an unreachable Redis fails fast). The router's vectorizer (the file's, or the one stored on
    /// Redis) picks the embedder.
    func load() async throws -> Loaded {
        guard let redis else {
            let definition = try RouterDefinition.load(from: URL(fileURLWithPath: router!))
            let registry = try vectorizerOptions.registry(encoderOptions: encoderOptions, redis: nil)
            let embedder = try await embedder(for: definition.vectorizer, source: router!, registry: registry)
            return Loaded(router: try await RouterOptions.loadEmbedded(definition, file: router!, dataDir: dataDir, embedder: embedder), client: nil, registry: registry)
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
            guard redisFallback, let file = router, let definition else { throw CLIError(reason) }
            Terminal.log("warning: \(reason); routing with the embedded index instead")
            let registry = try vectorizerOptions.registry(encoderOptions: encoderOptions, redis: nil)
            let embedder = try await embedder(for: definition.vectorizer, source: file, registry: registry)
            return Loaded(router: try await RouterOptions.loadEmbedded(definition, file: file, dataDir: dataDir, embedder: embedder), client: nil, registry: registry)
        }
        var registry: EmbedderRegistry?
        do {
            let made = try vectorizerOptions.registry(encoderOptions: encoderOptions, redis: client)
            registry = made
            if let definition, let file = router {
                let embedder = try await embedder(for: definition.vectorizer, source: file, registry: made)
                let progress = ProgressReporter(label: "embedding references")
                let created = try await RedisSemanticRouter.create(
                    definition: definition, client: client, embedder: embedder, overwrite: true
                ) { done, total in progress.report(done, of: total) }
                return Loaded(router: created, client: client, registry: made)
            }
            guard let stored = try await RedisSemanticRouter.storedDefinition(name: name!, client: client) else {
                throw RouterError(code: "not_found", message: "no router named \(name!) on Redis (\(name!):route_config does not exist)")
            }
            let embedder = try await embedder(for: stored.vectorizer, source: "router \(name!) on \(shown)", registry: made)
            return Loaded(router: try await RedisSemanticRouter.attach(name: name!, client: client, embedder: embedder), client: client, registry: made)
        } catch let error as RouterError {
            await registry?.shutdown()
            await client.close()
            throw CLIError("\(shown): \(error.message)")
        } catch {
            await registry?.shutdown()
            await client.close()
            throw error
        }
    }

    /// The embedder `vectorizer` names.
    private func embedder(for vectorizer: VectorizerDescription, source: String, registry: EmbedderRegistry) async throws -> any TextEmbedder {
        try await vectorizerOptions.embedder(
            registry: registry, encoderOptions: encoderOptions, routerVectorizer: vectorizer, source: source
        )
    }
}
