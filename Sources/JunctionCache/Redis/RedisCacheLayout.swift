import JunctionJSON
import JunctionRedis

/// Where and how a semantic cache lives on Redis: RedisVL 0.28's `SemanticCache` keys, hashes and commands,
/// argument for argument (see `fixtures/redisvl/monitor.txt`), so RedisVL and Junction share one cache.
///
/// - index `{name}` over the prefix `{name}` (`createCommand`, `RedisCacheSchema`);
/// - entry `{name}:{hashify(prompt, filters)}`, a hash of `entry_id`, `prompt`, `response`, `prompt_vector`
///   (little-endian float32 bytes), `inserted_at` and `updated_at` (Python `str(time.time())`), `metadata`
///   (`json.dumps`, only when given) and each filter field;
/// - lookup: one `FT.SEARCH` with a `VECTOR_RANGE` clause and the filters as TAG clauses (`searchCommand`).
struct RedisCacheLayout: Sendable, Equatable {
    /// The cache's name: its index name and key prefix.
    let name: String
    /// The width of the prompt vectors.
    let dimension: Int
    /// The TAG fields entries may carry, in the order RedisVL declares them (schema and `RETURN` order).
    let filterableFields: [String]

    /// Entries deleted per `DEL` by `clear`, and the `SCAN COUNT` hint (RedisVL's `CLEAR_BATCH_SIZE`).
    static let clearBatch = 500
    /// Keys per `UNLINK` when dropping entries (RedisVL's `DEFAULT_BULK_BATCH_SIZE`).
    static let unlinkBatch = 500

    /// The fields `check` asks back for every hit, before the filter fields (RedisVL's `return_fields`).
    static let entryFields = ["entry_id", "prompt", "response", "inserted_at", "updated_at", "metadata"]

    /// The entry id of `prompt` in the scope `filters`: RedisVL's `hashify(prompt, filters)`.
    static func entryID(prompt: String, filters: [String: String]) -> String {
        Hashify.sha256Hex(prompt, extras: filters)
    }

    /// `{name}:{id}`.
    func key(id: String) -> String {
        name + ":" + id
    }

    /// The entry id of `key` when it is one of this cache's keys.
    func id(ofKey key: String) -> String? {
        let prefix = name + ":"
        return key.hasPrefix(prefix) ? String(key.dropFirst(prefix.count)) : nil
    }

    /// `SCAN ... MATCH` pattern of every key of the cache, glob characters of the name escaped (RedisVL's
    /// `match_pattern("{name}:")`).
    var scanPattern: String {
        var pattern = ""
        for character in name + ":" {
            if "\\*?[".contains(character) { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern + "*"
    }

    /// RedisVL's `FT.CREATE` of the cache index: the five entry fields, then each filterable field as a TAG.
    var createCommand: [RESPCommandArgument] {
        var command: [RESPCommandArgument] = [
            "FT.CREATE", .string(name), "ON", "HASH", "PREFIX", "1", .string(name), "SCORE", "1.0",
            "SCHEMA",
            "prompt", "TEXT", "WEIGHT", "1",
            "response", "TEXT", "WEIGHT", "1",
            "inserted_at", "NUMERIC",
            "updated_at", "NUMERIC",
            "prompt_vector", "VECTOR", "FLAT", "6", "TYPE", "FLOAT32", "DIM", .string(String(dimension)),
            "DISTANCE_METRIC", "COSINE",
        ]
        for field in filterableFields {
            command += [.string(field), "TAG", "SEPARATOR", ","]
        }
        return command
    }

    /// The `HSET` that stores an entry, fields in RedisVL's order; `metadata` only when given, filter fields
    /// in code-point order of their names.
    func storeCommand(
        id: String, prompt: String, response: String, vector: [Float],
        insertedAt: Double, updatedAt: Double, metadata: [String: JSONValue]?, filters: [String: String]
    ) -> [RESPCommandArgument] {
        var command: [RESPCommandArgument] = [
            "HSET", .string(key(id: id)),
            "entry_id", .string(id), "prompt", .string(prompt), "response", .string(response),
            "prompt_vector", .vector(vector),
            "inserted_at", .string(PythonJSON.float(insertedAt)), "updated_at", .string(PythonJSON.float(updatedAt)),
        ]
        if let metadata {
            command += ["metadata", .string(Self.metadataJSON(metadata))]
        }
        for (field, value) in Self.sorted(filters) {
            command += [.string(field), .string(value)]
        }
        return command
    }

    /// `json.dumps(metadata)` (keys sorted: Junction keeps no key order).
    static func metadataJSON(_ metadata: [String: JSONValue]) -> String {
        PythonJSON.dumps(PythonJSON.value(.object(metadata)))
    }

    /// `EXPIRE key seconds`, as RedisVL sets and refreshes TTLs.
    static func expireCommand(key: String, seconds: Int) -> [RESPCommandArgument] {
        ["EXPIRE", .string(key), .string(String(seconds))]
    }

    /// The `FT.SEARCH` of RedisVL's `VectorRangeQuery`: entries within `threshold` of `vector` whose filter
    /// fields equal `filters`, nearest first, at most `numResults`.
    func searchCommand(vector: [Float], threshold: Double, filters: [String: String], numResults: Int) -> [RESPCommandArgument] {
        var query = "@prompt_vector:[VECTOR_RANGE $distance_threshold $vector]=>{$YIELD_DISTANCE_AS: vector_distance}"
        if let filter = Self.filterExpression(filters) {
            query += " (" + filter + ")"
        }
        let returned = Self.entryFields + filterableFields + ["vector_distance"]
        return ["FT.SEARCH", .string(name), .string(query), "RETURN", .string(String(returned.count))]
            + returned.map { .string($0) }
            + [
                "SORTBY", "vector_distance", "ASC", "DIALECT", "2", "LIMIT", "0", .string(String(numResults)),
                "PARAMS", "4", "vector", .vector(vector), "distance_threshold", .string(PythonJSON.float(threshold)),
            ]
    }

    /// The filters as RedisVL renders `Tag(f1) == v1 & Tag(f2) == v2 & ...` (fields in code-point order):
    /// `@f1:{v1}`, then `(@f1:{v1} @f2:{v2})`, `((@f1:{v1} @f2:{v2}) @f3:{v3})`; nil without filters.
    static func filterExpression(_ filters: [String: String]) -> String? {
        var expression: String?
        for (field, value) in sorted(filters) {
            let clause = "@\(field):{\(FT.escapeTag(value))}"
            expression = expression.map { "(\($0) \(clause))" } ?? clause
        }
        return expression
    }


    /// Filters in Python's `sorted` order of their names (code points).
    static func sorted(_ filters: [String: String]) -> [(key: String, value: String)] {
        filters.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
    }
}
