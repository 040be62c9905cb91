import JunctionRedis

/// Readers for the replies the router gets, in either protocol version: RESP2
/// sends records as flat `[key, value, ...]` arrays, RESP3 as maps.
enum RedisReply {
    /// A scalar as text: strings as they are, integers in decimal, doubles
    /// as Swift prints them; nil for aggregates and nulls.
    static func text(_ value: RESPValue) -> String? {
        if let string = value.string { return string }
        if let integer = value.int { return String(integer) }
        if let double = value.double { return String(double) }
        if let digits = value.bigNumber { return digits }
        return nil
    }

    /// The key-value pairs of a RESP3 map or of a flat RESP2 array of even length.
    static func pairs(_ value: RESPValue) -> [(key: String, value: RESPValue)]? {
        if let map = value.map {
            return map.compactMap { pair in text(pair.key).map { (key: $0, value: pair.value) } }
        }
        guard let items = value.array, items.count % 2 == 0 else { return nil }
        return stride(from: 0, to: items.count, by: 2).compactMap { index in
            text(items[index]).map { (key: $0, value: items[index + 1]) }
        }
    }

    /// The value of `key` in a map or flat array.
    static func field(_ key: String, in value: RESPValue) -> RESPValue? {
        pairs(value)?.first { $0.key == key }?.value
    }

    /// The rows of an `FT.AGGREGATE` reply, each as field -> text.
    ///
    /// RESP2: `[count, [k, v, ...], ...]`; RESP3: `{results: [{extra_attributes: {k: v}}, ...]}`.
    static func aggregateRows(_ reply: RESPValue) -> [[String: String]]? {
        if let results = field("results", in: reply)?.array, reply.map != nil {
            return results.map { row in record(field("extra_attributes", in: row) ?? row) }
        }
        guard let items = reply.array, !items.isEmpty else { return nil }
        return items.dropFirst().map(record)
    }

    /// The documents of an `FT.SEARCH` reply: key and field -> text.
    ///
    /// RESP2: `[total, key, [k, v, ...], ...]`; RESP3: `{results: [{id, extra_attributes}, ...]}`.
    static func searchDocuments(_ reply: RESPValue) -> [(key: String, fields: [String: String])]? {
        if reply.map != nil {
            guard let results = field("results", in: reply)?.array else { return nil }
            return results.compactMap { row in
                guard let id = field("id", in: row).flatMap(text) else { return nil }
                return (id, record(field("extra_attributes", in: row) ?? .null))
            }
        }
        guard let items = reply.array, !items.isEmpty else { return nil }
        var documents: [(key: String, fields: [String: String])] = []
        var index = 1
        while index < items.count {
            guard let key = text(items[index]) else { return nil }
            index += 1
            var fields: [String: String] = [:]
            if index < items.count, items[index].array != nil {
                fields = record(items[index])
                index += 1
            }
            documents.append((key, fields))
        }
        return documents
    }

    /// A record's scalar fields as text.
    static func record(_ value: RESPValue) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in pairs(value) ?? [] {
            if let text = text(pair.value) { fields[pair.key] = text }
        }
        return fields
    }
}
