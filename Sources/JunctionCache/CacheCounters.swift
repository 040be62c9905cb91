import Synchronization

/// The activity counters both backends keep (hits, misses, stores, evictions, expirations).
final class CacheCounters: Sendable {
    struct Values {
        var hits = 0
        var exactHits = 0
        var misses = 0
        var stores = 0
        var evictions = 0
        var expirations = 0
    }

    private let values = Mutex(Values())

    func record(_ change: (inout Values) -> Void) {
        values.withLock { change(&$0) }
    }

    /// Counts one lookup's outcome.
    func recordLookup(_ hits: [CacheHit]) {
        values.withLock {
            if let first = hits.first {
                $0.hits += 1
                if first.exact { $0.exactHits += 1 }
            } else {
                $0.misses += 1
            }
        }
    }

    var snapshot: Values { values.withLock { $0 } }
}
