/// A Lua script and its SHA-1, for `EVALSHA` with an automatic `EVAL` fallback.
///
/// ```swift
/// let increment = RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])")
/// let value = try await redis.run(increment, keys: ["counter"], arguments: [5])
/// ```
///
/// ``RedisClient/run(_:keys:arguments:)`` sends `EVALSHA` with ``sha1``; when the server does not know the
/// script (`NOSCRIPT`: first use, restart, `SCRIPT FLUSH`), it sends `EVAL` with the source, which also loads it.
public struct RedisScript: Sendable, Hashable {
    /// The Lua source.
    public let source: String
    /// The SHA-1 of the source as 40 lower-case hex digits: the name Redis knows the script by.
    public let sha1: String

    /// A script with its SHA-1, computed locally.
    public init(_ source: String) {
        self.source = source
        self.sha1 = SHA1.hexDigest(source.utf8)
    }
}
