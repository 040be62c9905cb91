import Crypto
import Foundation

/// A small least-recently-used map from a message's SHA-256 to its scan, so the earlier turns of a
/// conversation, resent with every request, are not encoded again. Keys are digests: the cache holds no
/// message text.
final class ScanCache: @unchecked Sendable {  // `state` is only touched under `lock`.
    private struct State {
        var entries: [SHA256Digest: (scan: MessageScan, stamp: UInt64)] = [:]
        var clock: UInt64 = 0
    }

    /// A cache key: the SHA-256 of a text.
    typealias Key = SHA256Digest

    private let capacity: Int
    private let lock = NSLock()
    private var state = State()

    /// A cache of at most `capacity` scans (0 disables it).
    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The key of a text.
    static func key(_ text: String) -> SHA256Digest {
        SHA256.hash(data: Array(text.utf8))
    }

    /// The cached scan of a key, refreshed as most recently used.
    func scan(for key: SHA256Digest) -> MessageScan? {
        guard capacity > 0 else { return nil }
        return lock.withLock {
            guard let entry = state.entries[key] else { return nil }
            state.clock += 1
            state.entries[key] = (entry.scan, state.clock)
            return entry.scan
        }
    }

    /// Stores a scan, evicting the least recently used one when full.
    func store(_ scan: MessageScan, for key: SHA256Digest) {
        guard capacity > 0 else { return }
        lock.withLock {
            state.clock += 1
            state.entries[key] = (scan, state.clock)
            if state.entries.count > capacity, let oldest = state.entries.min(by: { $0.value.stamp < $1.value.stamp }) {
                state.entries.removeValue(forKey: oldest.key)
            }
        }
    }

    /// Number of cached scans.
    var count: Int { lock.withLock { state.entries.count } }
}
