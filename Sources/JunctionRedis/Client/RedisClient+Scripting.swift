extension RedisClient {
    /// Runs a script with `EVALSHA`, falling back to `EVAL` (which caches it) when the server answers `NOSCRIPT`.
    ///
    /// Returns the script's reply as it is; an error raised by the script is thrown with code `server`.
    public func run(_ script: RedisScript, keys: [String] = [], arguments: [RESPCommandArgument] = []) async throws(RedisError) -> RESPValue {
        do {
            return try await send(EVALSHA(sha1: script.sha1, keys: keys, arguments: arguments))
        } catch where error.code == "server" && error.serverCode == "NOSCRIPT" {
            return try await send(EVAL(script.source, keys: keys, arguments: arguments))
        }
    }
}
