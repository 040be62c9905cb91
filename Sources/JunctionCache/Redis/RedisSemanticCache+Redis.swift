import JunctionRedis

extension RedisSemanticCache {
    /// Sends one command; failures become `CacheError` code `redis`, naming `action`.
    func send(_ command: [RESPCommandArgument], _ action: @autoclosure () -> String) async throws(CacheError) -> RESPValue {
        do {
            return try await client.send(command)
        } catch {
            throw Self.cacheError(error, action())
        }
    }

    /// Sends commands in one pipeline; throws the first failure.
    func sendAll(_ commands: [[RESPCommandArgument]], _ action: @autoclosure () -> String) async throws(CacheError) -> [RESPValue] {
        let results: [Result<RESPValue, RedisError>]
        do {
            results = try await client.pipeline(commands)
        } catch {
            throw Self.cacheError(error, action())
        }
        var replies: [RESPValue] = []
        replies.reserveCapacity(results.count)
        for result in results {
            switch result {
            case .success(let reply): replies.append(reply)
            case .failure(let error): throw Self.cacheError(error, action())
            }
        }
        return replies
    }

    /// A Redis failure as the cache's error: what was being done and what went wrong (the client's message,
    /// which names the server and carries Redis's error text, never a reply's content).
    static func cacheError(_ error: RedisError, _ action: String) -> CacheError {
        if error.code == "server", error.message.lowercased().contains("unknown command") {
            return CacheError(
                code: "redis",
                message: "\(action): Redis lacks a command the cache needs (\(error.message)); it needs Redis 8 with the query engine, or Redis Stack"
            )
        }
        return CacheError(code: "redis", message: "\(action): \(error.message)")
    }

    /// `FT.INFO {name}`, or nil when there is no such index.
    func indexInfo() async throws(CacheError) -> RESPValue? {
        do {
            return try await client.searchIndexInfo(name)
        } catch {
            throw Self.cacheError(error, "reading index \(name)")
        }
    }

    /// The schema of the index `{name}`, or nil when there is no such index.
    func indexSchema() async throws(CacheError) -> SearchIndexSchema? {
        do {
            return try await client.searchIndexSchema(name)
        } catch {
            throw Self.cacheError(error, "reading index \(name)")
        }
    }

    /// Polls `FT.INFO` until Redis has indexed the entries already under the prefix (an index created over
    /// existing hashes scans them in the background), for at most `deadline`.
    func waitForIndexing(deadline: Duration = .seconds(30)) async throws(CacheError) {
        let clock = ContinuousClock()
        let end = clock.now + deadline
        while true {
            guard let info = try await indexInfo() else { return }
            if (RedisCacheReply.number("indexing", in: info) ?? 0) == 0 { return }
            guard clock.now < end else {
                throw CacheError(code: "redis", message: "index \(name) is still indexing after \(deadline)")
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}
