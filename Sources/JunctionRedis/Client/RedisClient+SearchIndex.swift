extension RedisClient {
    /// `FT.INFO name`, or nil when Redis says there is no such index.
    public func searchIndexInfo(_ name: String) async throws(RedisError) -> RESPValue? {
        do {
            return try await send(["FT.INFO", .string(name)])
        } catch {
            if Self.isUnknownIndex(error) { return nil }
            throw error
        }
    }

    /// The schema of the index `name` from `FT.INFO`, or nil when there is no such index; throws
    /// `unexpected_reply` for an `FT.INFO` reply that is not one.
    public func searchIndexSchema(_ name: String) async throws(RedisError) -> SearchIndexSchema? {
        guard let info = try await searchIndexInfo(name) else { return nil }
        guard let schema = SearchIndexSchema(info: info) else { throw RedisError.unexpectedReply("FT.INFO \(name): not an index description") }
        return schema
    }

    /// Whether `error` is Redis saying an index does not exist.
    public static func isUnknownIndex(_ error: RedisError) -> Bool {
        let message = error.message.lowercased()
        return error.code == "server" && (message.contains("unknown index") || message.contains("no such index"))
    }
}
