import Foundation
import JunctionRedis

extension RedisSemanticRouter {
    /// Sends one command; Redis errors become `RouterError` code `redis`, naming `action`.
    func send(_ command: [RESPCommandArgument], _ action: @autoclosure () -> String) async throws(RouterError) -> RESPValue {
        do {
            return try await client.send(command)
        } catch {
            throw Self.routerError(error, action())
        }
    }

    /// Sends commands in pipelines of `pipelineBatch`; throws the first failure.
    func sendAll(_ commands: [[RESPCommandArgument]], _ action: @autoclosure () -> String) async throws(RouterError) -> [RESPValue] {
        var replies: [RESPValue] = []
        replies.reserveCapacity(commands.count)
        for start in stride(from: 0, to: commands.count, by: Self.pipelineBatch) {
            let batch = Array(commands[start..<min(start + Self.pipelineBatch, commands.count)])
            let results: [Result<RESPValue, RedisError>]
            do {
                results = try await client.pipeline(batch)
            } catch {
                throw Self.routerError(error, action())
            }
            for result in results {
                switch result {
                case .success(let reply): replies.append(reply)
                case .failure(let error): throw Self.routerError(error, action())
                }
            }
        }
        return replies
    }

    static func routerError(_ error: RedisError, _ action: String) -> RouterError {
        if error.message.lowercased().contains("unknown command") {
            return RouterError(
                code: "redis_unsupported",
                message: "\(action): Redis lacks a command the router needs (\(error.message)); it needs Redis 8 with the query engine and JSON, or Redis Stack"
            )
        }
        return RouterError(code: "redis", message: "\(action): \(error.message)")
    }

    /// The schema of the index `{name}`, or nil when there is no such index.
    func indexSchema() async throws(RouterError) -> SearchIndexSchema? {
        do {
            return try await client.searchIndexSchema(name)
        } catch {
            throw Self.routerError(error, "reading index \(name)")
        }
    }

    /// `FT.INFO {name}`, or nil when there is no such index.
    func indexInfo() async throws(RouterError) -> RESPValue? {
        do {
            return try await client.searchIndexInfo(name)
        } catch {
            throw Self.routerError(error, "reading index \(name)")
        }
    }

    /// The router dict at `{name}:route_config`, or nil when the key does not exist.
    func storedDefinition(validated: Bool) async throws(RouterError) -> RouterDefinition? {
        let reply = try await send(layout.loadConfigCommand, "reading \(layout.configKey)")
        if reply.isNull { return nil }
        guard let text = reply.string else {
            throw RouterError(code: "invalid_router", message: "\(layout.configKey) is not a JSON router config")
        }
        if validated { return try RouterDefinition.fromRouteConfig(text, key: layout.configKey) }
        return try RouterDefinition.decode(Data(text.utf8), yaml: false, source: layout.configKey)
    }

    /// `JSON.SET {name}:route_config . <definition>`.
    func saveConfig(_ definition: RouterDefinition) async throws(RouterError) {
        _ = try await send(layout.saveConfigCommand(definition), "writing \(layout.configKey)")
    }

    /// One `HSET` per reference of `routes` (pipelined); `vectors` by embeddings-cache key.
    func store(_ routes: [Route], vectors: [String: [Float]]) async throws(RouterError) {
        var commands: [[RESPCommandArgument]] = []
        for route in routes {
            for reference in route.references {
                guard let vector = vectors[ReferenceID.embeddingKey(reference, model: embedder.modelName)] else {
                    throw RouterError(code: "embedding", message: "no vector for a reference of route \(route.name)")
                }
                commands.append(layout.storeCommand(route: route.name, reference: reference, vector: vector))
            }
        }
        _ = try await sendAll(commands, "storing references of router \(name)")
    }

    /// The hash keys of every reference of `routes`.
    func keys(of routes: [Route]) -> [String] {
        routes.flatMap { route in route.references.map { layout.referenceKey(route: route.name, id: ReferenceID.of($0)) } }
    }

    /// `UNLINK` in batches (RedisVL's `drop_keys`); returns how many keys existed.
    @discardableResult
    func unlink(_ keys: [String]) async throws(RouterError) -> Int {
        guard !keys.isEmpty else { return 0 }
        let batches = stride(from: 0, to: keys.count, by: Self.pipelineBatch).map { start in
            [RESPCommandArgument("UNLINK")] + keys[start..<min(start + Self.pipelineBatch, keys.count)].map { .string($0) }
        }
        return try await sendAll(batches, "deleting references of router \(name)").reduce(0) { $0 + ($1.int ?? 0) }
    }

    /// Polls `FT.INFO` until Redis has indexed the documents already under the
    /// prefix (an index created over existing hashes scans them in the background).
    func waitForIndexing(deadline: Duration = .seconds(30)) async throws(RouterError) {
        let clock = ContinuousClock()
        let end = clock.now + deadline
        while true {
            guard let info = try await indexInfo() else { return }
            let indexing = info.value(forKey: "indexing")?.text.flatMap(Double.init) ?? 0
            if indexing == 0 { return }
            guard clock.now < end else {
                throw RouterError(code: "redis", message: "index \(name) is still indexing after \(deadline)")
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}
