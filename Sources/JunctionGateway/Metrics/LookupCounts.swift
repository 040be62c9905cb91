import Synchronization

/// Hits and lookups seen by this process, for `junction_cache_hit_ratio`.
final class LookupCounts: Sendable {
    private let counts = Mutex<(hits: Int, lookups: Int)>((0, 0))

    /// Records a lookup; returns the new ratio, or nil when the lookup does not count (a bypass).
    func record(hit: Bool, counted: Bool) -> Double? {
        guard counted else { return nil }
        return counts.withLock { counts in
            counts.lookups += 1
            if hit { counts.hits += 1 }
            return Double(counts.hits) / Double(counts.lookups)
        }
    }
}
