import JunctionJSON

/// A semantic cache, embedded (`EmbeddedSemanticCache`) or on Redis (`RedisSemanticCache`), with RedisVL's
/// `SemanticCache` semantics: the surface the CLI and the gateway use, so either can serve.
///
/// - An entry is a prompt, its response, the prompt's vector, timestamps, free `metadata` and filter fields
///   (see `CacheScope`). Its id is RedisVL's `hashify(prompt, filters)`, its key `{name}:{id}`, so storing the
///   same prompt in the same scope again replaces the entry.
/// - `check` first looks for the same normalised prompt in the same scope (no embedding, no vector search),
///   then for stored prompts within the distance threshold (cosine distance, 0...2, inclusive, 0 honoured)
///   whose filter fields equal every filter given, nearest first. Entries outside the query's filters are
///   never seen.
/// - A hit refreshes the entry's time to live with the cache's TTL (as RedisVL: entries stored with their own
///   TTL get the cache's on a hit; with no cache TTL a hit leaves the expiry alone).
///
/// Arguments have no defaults here (protocol requirements cannot have any); see `CacheLookup` and `CacheWrite`.
public protocol SemanticCache: AnyObject, Sendable {
    /// The cache's settings (name, default threshold, TTL, filterable fields, bounds).
    var configuration: CacheConfiguration { get }

    /// Stored entries close enough to the lookup's prompt or vector, in its scope, nearest first.
    func check(_ lookup: CacheLookup) async throws(CacheError) -> [CacheHit]

    /// Stores an entry (embedding the prompt unless the vector is given); returns its key.
    @discardableResult
    func store(_ write: CacheWrite) async throws(CacheError) -> String

    /// Changes the response, metadata or filter fields of the entry at `key` and sets `updated_at`; with an
    /// empty update only refreshes its TTL. Throws `not_found` when there is no such entry.
    func update(key: String, _ update: CacheUpdate) async throws(CacheError)

    /// Removes entries by id (without the `{name}:` prefix) and by full key; returns how many existed.
    @discardableResult
    func drop(ids: [String], keys: [String]) async throws(CacheError) -> Int

    /// Removes every entry and keeps the cache; returns how many were removed.
    @discardableResult
    func clear() async throws(CacheError) -> Int

    /// Removes every entry and the cache itself (its index on Redis, its files in the data directory).
    func delete() async throws(CacheError)

    /// Size and activity counters.
    func stats() async throws(CacheError) -> CacheStats

    /// Writes what must outlive the process (the embedded store's file); nothing to do on Redis.
    func flush() async throws(CacheError)
}
