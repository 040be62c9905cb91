import Foundation
import JunctionJSON
import JunctionLimits
import Synchronization

/// Finds the record of a request's API key: keys from the config first, then keys created through the
/// admin API (in the key store), cached in process for a few seconds and dropped at once when another
/// instance announces a change (`ConfigBus`).
final class KeyDirectory: Sendable {
    private struct Cached {
        var record: APIKeyRecord?
        var fetched: ContinuousClock.Instant
    }

    let store: any KeyStore
    private let configured: Mutex<[String: APIKeyRecord]>
    private let cache = Mutex<[String: Cached]>([:])
    /// How long a looked-up record (or its absence) is trusted without a change announcement.
    static let cacheLifetime: Duration = .seconds(5)

    init(store: any KeyStore, configured: [AccessSettings.ConfiguredKey]) {
        self.store = store
        self.configured = Mutex(Self.index(configured))
    }

    /// Replaces the keys from the config (a reload).
    func replaceConfigured(_ keys: [AccessSettings.ConfiguredKey]) {
        configured.withLock { $0 = Self.index(keys) }
        invalidate()
    }

    /// Forgets every cached lookup (a key changed somewhere).
    func invalidate() {
        cache.withLock { $0.removeAll() }
    }

    /// The record of the key whose SHA-256 is `hash`: config keys first, then the store. Throws when the
    /// store cannot be read.
    func record(hash: String) async throws(LimitsError) -> APIKeyRecord? {
        if let record = configured.withLock({ $0[hash] }) { return record }
        let now = ContinuousClock.now
        if let cached = cache.withLock({ $0[hash] }), now - cached.fetched < Self.cacheLifetime { return cached.record }
        let record = try await store.record(hash: hash)
        cache.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[hash] = Cached(record: record, fetched: now)
        }
        return record
    }

    /// Every key: the config's and the store's.
    func records() async throws(LimitsError) -> [APIKeyRecord] {
        let fromConfig = configured.withLock { Array($0.values) }.sorted { $0.id < $1.id }
        return fromConfig + (try await store.records())
    }

    /// Whether a hash belongs to a config key (those change only with the config file).
    func isConfigured(id: String) -> Bool {
        configured.withLock { $0.values.contains { $0.id == id } }
    }

    private static func index(_ keys: [AccessSettings.ConfiguredKey]) -> [String: APIKeyRecord] {
        var index: [String: APIKeyRecord] = [:]
        for key in keys { if let record = key.record { index[record.hash] = record } }
        return index
    }
}
