import JunctionJSON

/// One entry of the embedded store, as it lives in memory and in the cache file.
struct StoredEntry: Sendable, Codable {
    var entryID: String
    var prompt: String
    var response: String
    var insertedAt: Double
    var updatedAt: Double
    var metadata: JSONValue?
    var filters: [String: String]
    /// Unix time after which the entry is gone; nil: never.
    var expiresAt: Double?

    /// The exact-match key: `hashify(normalised prompt, filters)`.
    var exactKey: String { Self.exactKey(prompt: prompt, filters: filters) }

    static func exactKey(prompt: String, filters: [String: String]) -> String {
        Hashify.sha256Hex(PromptNormalization.normalize(prompt), extras: filters)
    }

    /// Approximate bytes held: texts, metadata, filters, the vector in single and half precision, bookkeeping.
    func bytes(dimension: Int) -> Int {
        var total = 160 + entryID.utf8.count * 2 + prompt.utf8.count + response.utf8.count + dimension * 6
        for (field, value) in filters { total += field.utf8.count + value.utf8.count + 32 }
        if let metadata { total += PythonJSON.dumps(PythonJSON.value(metadata)).utf8.count }
        return total
    }

    func isExpired(at now: Double) -> Bool {
        if let expiresAt { return expiresAt <= now }
        return false
    }

    /// Not expired at `now` and in the scope of `lookupFilters`.
    func isLive(at now: Double, filters lookupFilters: [String: String]) -> Bool {
        !isExpired(at: now) && matches(lookupFilters)
    }

    /// Whether every lookup filter is one of the entry's fields with the same value.
    func matches(_ lookupFilters: [String: String]) -> Bool {
        for (field, value) in lookupFilters where filters[field] != value { return false }
        return true
    }

    func hit(key: String, distance: Double, exact: Bool) -> CacheHit {
        CacheHit(
            entryID: entryID, key: key, prompt: prompt, response: response, distance: distance,
            insertedAt: insertedAt, updatedAt: updatedAt, metadata: metadata, filters: filters, exact: exact
        )
    }

    enum CodingKeys: String, CodingKey {
        case prompt, response, metadata, filters
        case entryID = "entry_id"
        case insertedAt = "inserted_at"
        case updatedAt = "updated_at"
        case expiresAt = "expires_at"
    }
}
