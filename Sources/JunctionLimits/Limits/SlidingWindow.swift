/// A sliding window of timed amounts (requests count 1 each, tokens their count) with a running total:
/// what the in-process limiter keeps per subject. Not thread-safe; the limiter locks around it.
struct SlidingWindow: Sendable {
    private struct Entry: Sendable {
        var time: Int
        var id: String
        var amount: Int
    }

    /// The window's length, milliseconds.
    let length: Int
    private var entries: [Entry] = []
    private var head = 0
    /// The sum of the amounts in the window (after `prune`).
    private(set) var total = 0

    init(length: Int) {
        self.length = length
    }

    /// Drops what left the window by `now`.
    mutating func prune(now: Int) {
        let cutoff = now - length
        while head < entries.count, entries[head].time <= cutoff {
            total -= entries[head].amount
            head += 1
        }
        if head > 64, head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }

    /// Adds an amount at `now`.
    mutating func add(_ amount: Int, id: String = "", now: Int) {
        entries.append(Entry(time: now, id: id, amount: amount))
        total += amount
    }

    /// Changes the amount of entry `id` by `delta`, if it is still in the window.
    mutating func adjust(id: String, by delta: Int) {
        guard let index = entries[head...].lastIndex(where: { $0.id == id }) else { return }
        entries[index].amount += delta
        total += delta
    }

    /// The number of entries in the window.
    var count: Int { entries.count - head }

    /// When the oldest entry leaves the window, nil when empty.
    var oldestExit: Int? { head < entries.count ? entries[head].time + length : nil }

    /// When the newest entry leaves the window, nil when empty.
    var newestExit: Int? { head < entries.count ? entries[entries.count - 1].time + length : nil }

    /// When enough has left the window that `need` more fits under `limit` (`now` when it already does).
    func exit(freeing need: Int, limit: Int, now: Int) -> Int {
        var total = self.total
        for entry in entries[head...] {
            if total + need <= limit { return max(now, entry.time) }
            total -= entry.amount
            if total + need <= limit { return entry.time + length }
        }
        return now
    }

    /// Whether nothing is in the window.
    var isEmpty: Bool { head >= entries.count }
}
