/// Where admin-created API keys live: Redis (shared by every instance) or the data directory (one
/// instance). Records are stored under the key's SHA-256; the key itself never is.
public protocol KeyStore: Sendable {
    /// The record of the key whose SHA-256 is `hash`, nil when there is none.
    func record(hash: String) async throws(LimitsError) -> APIKeyRecord?
    /// Every record, in creation order.
    func records() async throws(LimitsError) -> [APIKeyRecord]
    /// Stores a record, replacing one with the same hash.
    func save(_ record: APIKeyRecord) async throws(LimitsError)
    /// Removes the record with this id; false when there was none.
    func delete(id: String) async throws(LimitsError) -> Bool
}

extension KeyStore {
    /// The record with this public id, nil when there is none.
    public func record(id: String) async throws(LimitsError) -> APIKeyRecord? {
        try await records().first { $0.id == id }
    }
}
