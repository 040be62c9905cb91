import JunctionRedis

/// Readers for the replies the Redis cache gets, in either protocol version: RESP2 sends records as flat
/// `[key, value, ...]` arrays, RESP3 as maps. They never put a reply's content into an error.
enum RedisCacheReply {
    /// A scalar as text: strings as they are (invalid UTF-8 repaired), integers in decimal, doubles as Swift
    /// prints them; nil for aggregates and nulls.
    static func text(_ value: RESPValue) -> String? {
        if let string = value.string { return string }
        if let integer = value.int { return String(integer) }
        if let double = value.double { return String(double) }
        return value.bigNumber
    }

    /// The key-value pairs of a RESP3 map or of a flat RESP2 array of even length.
    static func pairs(_ value: RESPValue) -> [(key: String, value: RESPValue)]? {
        if let map = value.map {
            return map.compactMap { pair in text(pair.key).map { (key: $0, value: pair.value) } }
        }
        guard let items = value.array, items.count.isMultiple(of: 2) else { return nil }
        return stride(from: 0, to: items.count, by: 2).compactMap { index in
            text(items[index]).map { (key: $0, value: items[index + 1]) }
        }
    }

    /// The fields of an `HGETALL` reply as text, the binary `prompt_vector` left out; empty when the key does
    /// not exist, nil when the reply is not a hash.
    static func hashFields(_ reply: RESPValue) -> [String: String]? {
        guard let pairs = pairs(reply) else { return nil }
        var fields: [String: String] = [:]
        for pair in pairs where pair.key != "prompt_vector" {
            if let text = text(pair.value) { fields[pair.key] = text }
        }
        return fields
    }

    /// The value of `name` in an `FT.INFO` reply, as a number (`num_docs`, `indexing`).
    static func number(_ name: String, in info: RESPValue) -> Double? {
        pairs(info)?.first { $0.key == name }.flatMap { text($0.value) }.flatMap(Double.init)
    }
}
