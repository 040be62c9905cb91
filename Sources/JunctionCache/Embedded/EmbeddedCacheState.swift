import JunctionIndex
import JunctionJSON

/// The embedded store's contents: entries by index slot, the id and exact-match maps, recency order, size.
/// Every method runs under the cache's lock.
struct EmbeddedCacheState: Sendable {
    var index: IVFIndex
    /// Entries by the slot of their vector in `index`.
    var entries: [StoredEntry?] = []
    /// Entry id -> slot.
    var slotsByID: [String: Int] = [:]
    /// Exact-match key -> slot.
    var slotsByExactKey: [String: Int] = [:]
    var recency = RecencyList()
    var bytes = 0
    /// Stores since the last sweep of expired entries.
    var storesSinceSweep = 0
    /// Whether anything changed since the file was written.
    var dirty = false

    init(dimension: Int, indexConfiguration: IVFConfiguration) {
        index = IVFIndex(dimension: dimension, configuration: indexConfiguration)
    }

    var count: Int { slotsByID.count }

    func entry(at slot: Int) -> StoredEntry? {
        slot < entries.count ? entries[slot] : nil
    }

    /// Adds `entry` with its vector (replacing an entry with the same id); returns its slot.
    mutating func add(_ entry: StoredEntry, vector: [Float]) throws(IndexError) -> Int {
        if let old = slotsByID[entry.entryID] { remove(slot: old) }
        let slot = try index.insert(vector)
        while entries.count <= slot { entries.append(nil) }
        entries[slot] = entry
        slotsByID[entry.entryID] = slot
        slotsByExactKey[entry.exactKey] = slot
        recency.add(slot)
        bytes += entry.bytes(dimension: index.dimension)
        dirty = true
        return slot
    }

    /// Removes the entry at `slot`.
    mutating func remove(slot: Int) {
        guard let entry = entry(at: slot) else { return }
        index.remove(slot: slot)
        entries[slot] = nil
        slotsByID.removeValue(forKey: entry.entryID)
        let exactKey = entry.exactKey
        if slotsByExactKey[exactKey] == slot { slotsByExactKey.removeValue(forKey: exactKey) }
        recency.remove(slot)
        bytes -= entry.bytes(dimension: index.dimension)
        dirty = true
    }

    /// Replaces the entry at `slot` (same vector), keeping the maps and the size right.
    mutating func replace(slot: Int, with entry: StoredEntry) {
        guard let old = self.entry(at: slot) else { return }
        let oldKey = old.exactKey
        if slotsByExactKey[oldKey] == slot { slotsByExactKey.removeValue(forKey: oldKey) }
        bytes += entry.bytes(dimension: index.dimension) - old.bytes(dimension: index.dimension)
        entries[slot] = entry
        slotsByExactKey[entry.exactKey] = slot
        dirty = true
    }

    /// Removes least recently used entries until the bounds hold (the newest entry always stays);
    /// returns how many were evicted.
    mutating func evict(maxEntries: Int?, maxBytes: Int?) -> Int {
        var evicted = 0
        while count > 1, (maxEntries.map { count > $0 } ?? false) || (maxBytes.map { bytes > $0 } ?? false) {
            remove(slot: Int(recency.tail))
            evicted += 1
        }
        return evicted
    }

    /// Removes every expired entry; returns how many.
    mutating func sweep(now: Double) -> Int {
        storesSinceSweep = 0
        var expired: [Int] = []
        for (slot, entry) in entries.enumerated() where entry?.isExpired(at: now) == true { expired.append(slot) }
        for slot in expired { remove(slot: slot) }
        return expired.count
    }

    /// Removes everything; returns how many entries there were.
    mutating func removeAll() -> Int {
        let removed = count
        index.removeAll()
        entries.removeAll()
        slotsByID.removeAll()
        slotsByExactKey.removeAll()
        recency.removeAll()
        bytes = 0
        dirty = true
        return removed
    }
}

extension EmbeddedCacheState {
    /// Live slots, most recently used first.
    func slotsInRecencyOrder() -> [Int] {
        var slots: [Int] = []
        slots.reserveCapacity(count)
        var slot = recency.head
        while slot >= 0 {
            slots.append(Int(slot))
            slot = recency.next(after: Int(slot))
        }
        return slots
    }
}
