import JunctionRedis

/// Readers for the search replies the router gets, in either protocol
/// version: RESP2 sends records as flat `[key, value, ...]` arrays, RESP3 as
/// maps.
enum RedisReply {
    /// The rows of an `FT.AGGREGATE` reply, each as field -> text.
    ///
    /// RESP2: `[count, [k, v, ...], ...]`; RESP3: `{results: [{extra_attributes: {k: v}}, ...]}`.
    static func aggregateRows(_ reply: RESPValue) -> [[String: String]]? {
        if let results = reply.value(forKey: "results")?.array, reply.map != nil {
            return results.map { row in record(row.value(forKey: "extra_attributes") ?? row) }
        }
        guard let items = reply.array, !items.isEmpty else { return nil }
        return items.dropFirst().map(record)
    }

    /// The documents of an `FT.SEARCH` reply: key and field -> text.
    ///
    /// RESP2: `[total, key, [k, v, ...], ...]`; RESP3: `{results: [{id, extra_attributes}, ...]}`.
    static func searchDocuments(_ reply: RESPValue) -> [(key: String, fields: [String: String])]? {
        if reply.map != nil {
            guard let results = reply.value(forKey: "results")?.array else { return nil }
            return results.compactMap { row in
                guard let id = row.value(forKey: "id")?.text else { return nil }
                return (id, record(row.value(forKey: "extra_attributes") ?? .null))
            }
        }
        guard let items = reply.array, !items.isEmpty else { return nil }
        var documents: [(key: String, fields: [String: String])] = []
        var index = 1
        while index < items.count {
            guard let key = items[index].text else { return nil }
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
        for pair in value.keyValuePairs ?? [] {
            if let text = pair.value.text { fields[pair.key] = text }
        }
        return fields
    }
}
