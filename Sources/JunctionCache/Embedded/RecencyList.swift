/// Least-recently-used order over slots: a doubly linked list in two arrays, O(1) to touch, add or remove.
struct RecencyList: Sendable {
    private var previous: [Int32] = []
    private(set) var nextSlot: [Int32] = []
    /// Most recently used slot, -1 when empty.
    private(set) var head: Int32 = -1
    /// Least recently used slot, -1 when empty.
    private(set) var tail: Int32 = -1

    /// Puts `slot` (not in the list) first.
    mutating func add(_ slot: Int) {
        while previous.count <= slot {
            previous.append(-1)
            nextSlot.append(-1)
        }
        previous[slot] = -1
        nextSlot[slot] = head
        if head >= 0 { previous[Int(head)] = Int32(slot) }
        head = Int32(slot)
        if tail < 0 { tail = Int32(slot) }
    }

    /// Takes `slot` (in the list) out.
    mutating func remove(_ slot: Int) {
        let before = previous[slot]
        let after = nextSlot[slot]
        if before >= 0 { nextSlot[Int(before)] = after } else { head = after }
        if after >= 0 { previous[Int(after)] = before } else { tail = before }
        previous[slot] = -1
        nextSlot[slot] = -1
    }

    /// Moves `slot` (in the list) first.
    mutating func touch(_ slot: Int) {
        guard head != Int32(slot) else { return }
        remove(slot)
        add(slot)
    }

    /// Empties the list.
    mutating func removeAll() {
        self = RecencyList()
    }
}

extension RecencyList {
    /// The slot used just less recently than `slot`, -1 after the last.
    func next(after slot: Int) -> Int32 { nextSlot[slot] }
}
