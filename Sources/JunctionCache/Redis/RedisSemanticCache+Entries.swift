import Foundation
import JunctionJSON
import JunctionRedis

extension RedisSemanticCache {
    /// Stores an entry as RedisVL does (`HSET` of the whole hash, then `EXPIRE` with the entry's TTL or the
    /// cache's), in one pipeline; returns its key `{name}:{hashify(prompt, filters)}`.
    @discardableResult
    public func store(_ write: CacheWrite) async throws(CacheError) -> String {
        try write.validate(configuration)
        let vector: [Float]
        if let given = write.vector {
            vector = given
        } else {
            vector = await embed(write.prompt)
        }
        try checkVector(vector)
        let id = RedisCacheLayout.entryID(prompt: write.prompt, filters: write.filters)
        let key = layout.key(id: id)
        let now = Date().timeIntervalSince1970
        var commands = [layout.storeCommand(
            id: id, prompt: write.prompt, response: write.response, vector: vector,
            insertedAt: now, updatedAt: now, metadata: write.metadata, filters: write.filters
        )]
        if write.metadata == nil {
            commands.append(["HDEL", .string(key), "metadata"])
        }
        if let ttl = write.ttl ?? configuration.ttl {
            commands.append(RedisCacheLayout.expireCommand(key: key, seconds: ttl))
        }
        _ = try await sendAll(commands, "storing an entry in cache \(name)")
        counters.record { $0.stores += 1 }
        return key
    }

    /// Changes the response, metadata or filter fields of the entry at `key` and sets `updated_at`, then
    /// refreshes its TTL with the cache's (as RedisVL's `update`); with an empty update only refreshes the
    /// TTL. Runs as one script, so an entry that expires meanwhile is not half re-created.
    public func update(key: String, _ update: CacheUpdate) async throws(CacheError) {
        guard layout.id(ofKey: key) != nil else {
            throw CacheError(code: "not_found", message: "\(key) is not a key of cache \(name) (its keys start with \(name):)")
        }
        if let filters = update.filters {
            do {
                try CacheWrite.checkFilters(filters, configuration)
            } catch {
                throw CacheError(code: "invalid_update", message: error.message)
            }
        }
        var fields: [RESPCommandArgument] = []
        if !update.isEmpty {
            if let response = update.response { fields += ["response", .string(response)] }
            if let metadata = update.metadata { fields += ["metadata", .string(RedisCacheLayout.metadataJSON(metadata))] }
            for (field, value) in RedisCacheLayout.sorted(update.filters ?? [:]) { fields += [.string(field), .string(value)] }
            fields += ["updated_at", .string(PythonJSON.float(Date().timeIntervalSince1970))]
        }
        let reply: RESPValue
        do {
            reply = try await client.run(Self.updateScript, keys: [key], arguments: [.integer(configuration.ttl ?? 0)] + fields)
        } catch {
            throw Self.cacheError(error, "updating entry \(key) of cache \(name)")
        }
        if reply.int == 0 {
            throw CacheError(code: "not_found", message: "cache \(name) has no entry \(key)")
        }
    }

    /// KEYS[1] the entry; ARGV[1] the TTL (0: none), then field-value pairs. Returns 0 when there is no entry.
    static let updateScript = RedisScript("""
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        if #ARGV > 1 then redis.call('HSET', KEYS[1], unpack(ARGV, 2)) end
        local ttl = tonumber(ARGV[1])
        if ttl > 0 then redis.call('EXPIRE', KEYS[1], ttl) end
        return 1
        """)

    /// Removes entries by id and by full key with `UNLINK` (RedisVL's `drop`); keys outside `{name}:` are not
    /// entries of this cache and are left alone. Returns how many entries existed.
    @discardableResult
    public func drop(ids: [String], keys: [String]) async throws(CacheError) -> Int {
        let prefix = name + ":"
        let all = ids.map { layout.key(id: $0) } + keys.filter { $0.hasPrefix(prefix) }
        guard !all.isEmpty else { return 0 }
        let batches = stride(from: 0, to: all.count, by: RedisCacheLayout.unlinkBatch).map { start in
            [RESPCommandArgument("UNLINK")] + all[start..<min(start + RedisCacheLayout.unlinkBatch, all.count)].map { .string($0) }
        }
        return try await sendAll(batches, "dropping entries of cache \(name)").reduce(0) { $0 + ($1.int ?? 0) }
    }

    /// Removes every key under `{name}:` and keeps the index (RedisVL's `clear`: `SCAN MATCH` and `DEL` in
    /// batches of 500). Returns how many keys were removed.
    @discardableResult
    public func clear() async throws(CacheError) -> Int {
        var cursor = "0"
        var batch: [String] = []
        var removed = 0
        repeat {
            let page: SCAN.Page
            do {
                page = try await client.send(SCAN(cursor: cursor, match: layout.scanPattern, count: RedisCacheLayout.clearBatch))
            } catch {
                throw Self.cacheError(error, "listing the entries of cache \(name)")
            }
            batch += page.keys
            cursor = page.cursor
            while batch.count >= RedisCacheLayout.clearBatch || (cursor == "0" && !batch.isEmpty) {
                let chunk = Array(batch.prefix(RedisCacheLayout.clearBatch))
                batch.removeFirst(chunk.count)
                let reply = try await send(["DEL"] + chunk.map { .string($0) }, "clearing cache \(name)")
                removed += reply.int ?? 0
            }
        } while cursor != "0"
        return removed
    }

    /// Drops the index and every entry it covers (`FT.DROPINDEX {name} DD`, as RedisVL's `delete`).
    public func delete() async throws(CacheError) {
        do {
            _ = try await client.send(["FT.DROPINDEX", .string(name), "DD"])
        } catch {
            if RedisClient.isUnknownIndex(error) {
                throw CacheError(code: "not_found", message: "there is no cache \(name) on Redis (no index \(name))")
            }
            throw Self.cacheError(error, "deleting cache \(name)")
        }
    }

    /// The entries in the index (`FT.INFO` `num_docs`) and this process's counters.
    public func stats() async throws(CacheError) -> CacheStats {
        guard let info = try await indexInfo() else {
            throw CacheError(code: "not_found", message: "there is no cache \(name) on Redis (no index \(name))")
        }
        guard let entries = RedisCacheReply.number("num_docs", in: info) else {
            throw CacheError(code: "redis", message: "reading index \(name): FT.INFO has no num_docs")
        }
        let values = counters.snapshot
        return CacheStats(
            name: name, backend: "redis", entries: Int(entries), bytes: nil, hits: values.hits, exactHits: values.exactHits,
            misses: values.misses, stores: values.stores, evictions: 0, expirations: 0
        )
    }

    /// Nothing to write: every change is on Redis already.
    public func flush() async throws(CacheError) {}
}
