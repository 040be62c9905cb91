import Synchronization

/// The in-process layer of the embeddings cache: a least-recently-used map from (model, text) to vector,
/// bounded in entries and bytes, whose entries expire `ttl` seconds after they were stored or last read.
/// Safe to share: one lock, held for a dictionary operation at a time.
final class MemoryEmbeddingsCache: Sendable {
    private struct Slot {
        var key: String
        var vector: [Float]
        var bytes: Int
        var expires: Double?
        var newer: Int
        var older: Int
    }

    /// Slots in a doubly linked recency list (indices into `slots`; -1 ends it), newest at `newest`.
    private struct State {
        var index: [String: Int] = [:]
        var slots: [Slot] = []
        var free: [Int] = []
        var newest = -1
        var oldest = -1
        var bytes = 0
    }

    private let state = Mutex(State())
    private let maxEntries: Int
    private let maxBytes: Int
    private let ttl: Double?
    private let now: @Sendable () -> Double

    /// A cache of at most `maxEntries` vectors and about `maxBytes` bytes; `now` is a clock in seconds.
    init(maxEntries: Int, maxBytes: Int, ttl: Int?, now: @escaping @Sendable () -> Double = MemoryEmbeddingsCache.monotonicSeconds) {
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
        self.ttl = ttl.map(Double.init)
        self.now = now
    }

    /// Seconds on a monotonic clock.
    static func monotonicSeconds() -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    private static let start = ContinuousClock.now

    /// The map key of `text` under `model`.
    static func key(text: String, model: String) -> String {
        model + "\u{0}" + text
    }

    /// The stored vector, refreshing its recency and expiry; nil when absent or expired.
    func vector(text: String, model: String) -> [Float]? {
        let key = Self.key(text: text, model: model)
        let time = now()
        return state.withLock { state -> [Float]? in
            guard let slot = state.index[key] else { return nil }
            if let expires = state.slots[slot].expires, expires <= time {
                Self.remove(slot, from: &state)
                return nil
            }
            state.slots[slot].expires = ttl.map { time + $0 }
            Self.unlink(slot, in: &state)
            Self.pushNewest(slot, in: &state)
            return state.slots[slot].vector
        }
    }

    /// Stores a vector, evicting the least recently used entries past the bounds.
    func store(_ vector: [Float], text: String, model: String) {
        guard maxEntries > 0 else { return }
        let key = Self.key(text: text, model: model)
        let bytes = vector.count * MemoryLayout<Float>.stride + key.utf8.count + 96
        guard bytes <= maxBytes else { return }
        let expires = ttl.map { now() + $0 }
        state.withLock { state in
            if let existing = state.index[key] { Self.remove(existing, from: &state) }
            let slot = Slot(key: key, vector: vector, bytes: bytes, expires: expires, newer: -1, older: -1)
            let position: Int
            if let reused = state.free.popLast() {
                state.slots[reused] = slot
                position = reused
            } else {
                state.slots.append(slot)
                position = state.slots.count - 1
            }
            state.index[key] = position
            state.bytes += bytes
            Self.pushNewest(position, in: &state)
            while state.index.count > maxEntries || state.bytes > maxBytes, state.oldest >= 0 {
                Self.remove(state.oldest, from: &state)
            }
        }
    }

    /// Entries and bytes held now.
    var usage: (entries: Int, bytes: Int) {
        state.withLock { ($0.index.count, $0.bytes) }
    }

    private static func remove(_ slot: Int, from state: inout State) {
        unlink(slot, in: &state)
        state.index[state.slots[slot].key] = nil
        state.bytes -= state.slots[slot].bytes
        state.slots[slot].vector = []
        state.slots[slot].key = ""
        state.free.append(slot)
    }

    private static func unlink(_ slot: Int, in state: inout State) {
        let newer = state.slots[slot].newer, older = state.slots[slot].older
        if newer >= 0 { state.slots[newer].older = older } else { state.newest = older }
        if older >= 0 { state.slots[older].newer = newer } else { state.oldest = newer }
        state.slots[slot].newer = -1
        state.slots[slot].older = -1
    }

    private static func pushNewest(_ slot: Int, in state: inout State) {
        state.slots[slot].older = state.newest
        state.slots[slot].newer = -1
        if state.newest >= 0 { state.slots[state.newest].newer = slot }
        state.newest = slot
        if state.oldest < 0 { state.oldest = slot }
    }
}
