import JunctionRedis

/// Readers for the replies the Redis cache gets, in either protocol version (RESP2 sends records as flat
/// `[key, value, ...]` arrays, RESP3 as maps). They never put a reply's content into an error.
enum RedisCacheReply {
    /// The fields of an `HGETALL` reply as text, the binary `prompt_vector` left out; empty when the key does
    /// not exist, nil when the reply is not a hash.
    static func hashFields(_ reply: RESPValue) -> [String: String]? {
        guard let pairs = reply.keyValuePairs else { return nil }
        var fields: [String: String] = [:]
        for pair in pairs where pair.key != "prompt_vector" {
            if let text = pair.value.text { fields[pair.key] = text }
        }
        return fields
    }

    /// The value of `name` in an `FT.INFO` reply, as a number (`num_docs`, `indexing`).
    static func number(_ name: String, in info: RESPValue) -> Double? {
        info.value(forKey: name)?.text.flatMap(Double.init)
    }
}
