import CKernels

/// Approximate cosine search by inverted lists (IVF): vectors are clustered by spherical k-means, a search
/// scans only the lists of the `probes` centroids nearest the query.
///
/// Built for the semantic cache, which must stay fast at a million entries and changes all the time:
/// - below `trainingThreshold` vectors there is one list and search is exact;
/// - lists hold 8-bit codes (a quarter of the bytes to stream); every candidate within the radius plus its
///   code's error bound is re-scored in single precision, so reported distances are exact and a vector in a
///   probed list is never missed or wrongly admitted;
/// - inserting assigns the vector to its nearest centroid; removing is a swap within its list; slots are
///   reused;
/// - when the index has grown `growthFactor` times since the last clustering it is re-clustered (k-means on
///   a sample, then every vector reassigned), which costs about a second per 100,000 vectors.
///
/// A value type with copy-on-write storage. Vectors are identified by the slot `insert` returns.
public struct IVFIndex: Sendable {
    /// Width of every vector.
    public let dimension: Int
    /// Search and clustering settings.
    public var configuration: IVFConfiguration
    /// Unit vectors by slot (garbage in free slots).
    var rows: [Float] = []
    /// The list of each slot, -1 when the slot is free.
    var slotList: [Int32] = []
    /// The position of each slot within its list.
    var slotOffset: [Int32] = []
    var freeSlots: [Int] = []
    var lists: [InvertedList] = [InvertedList()]
    /// Centroids as 8-bit codes (`lists.count` × `dimension`), empty while the index is one exact list: they
    /// only rank lists, and a quarter of the bytes keeps the ranking cheap at thousands of lists.
    var centroids: [Int8] = []
    var centroidScales: [Float] = []
    /// Vectors stored.
    public private(set) var count = 0
    var countAtClustering = 0

    /// Creates an empty index for vectors of `dimension` floats.
    public init(dimension: Int, configuration: IVFConfiguration = IVFConfiguration()) {
        precondition(dimension > 0, "dimension must be positive")
        self.dimension = dimension
        self.configuration = configuration
    }

    /// Number of inverted lists (1 until the index is first clustered).
    public var listCount: Int { lists.count }

    /// Whether `slot` holds a vector.
    public func contains(slot: Int) -> Bool {
        slot >= 0 && slot < slotList.count && slotList[slot] >= 0
    }

    /// The stored unit vector at `slot`.
    public func vector(at slot: Int) -> [Float]? {
        guard contains(slot: slot) else { return nil }
        return Array(rows[(slot * dimension)..<((slot + 1) * dimension)])
    }

    /// Stores `vector` (normalised to unit length) and returns its slot. May re-cluster (see the type's
    /// documentation). Throws on a wrong width, zeros or non-finite values.
    @discardableResult
    public mutating func insert(_ vector: [Float]) throws(IndexError) -> Int {
        let unit = try FlatVectorIndex.normalized(vector, dimension: dimension)
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            rows.replaceSubrange((slot * dimension)..<((slot + 1) * dimension), with: unit)
        } else {
            slot = slotList.count
            rows.append(contentsOf: unit)
            slotList.append(-1)
            slotOffset.append(0)
        }
        count += 1
        append(slot: slot, toList: nearestList(unit))
        if count >= configuration.trainingThreshold
            && (centroids.isEmpty || count >= countAtClustering * configuration.growthFactor) {
            cluster()
        }
        return slot
    }

    /// Removes the vector at `slot`; returns whether there was one.
    @discardableResult
    public mutating func remove(slot: Int) -> Bool {
        guard contains(slot: slot) else { return false }
        let list = Int(slotList[slot])
        let offset = Int(slotOffset[slot])
        if let moved = lists[list].remove(at: offset, dimension: dimension) {
            slotOffset[moved] = Int32(offset)
        }
        slotList[slot] = -1
        freeSlots.append(slot)
        count -= 1
        return true
    }

    /// Removes everything (and forgets the clustering).
    public mutating func removeAll() {
        self = IVFIndex(dimension: dimension, configuration: configuration)
    }

    /// Puts `slot` (whose row is set) at the end of `list`.
    mutating func append(slot: Int, toList list: Int) {
        slotList[slot] = Int32(list)
        slotOffset[slot] = Int32(lists[list].slots.count)
        lists[list].slots.append(Int32(slot))
        let start = lists[list].codes.count
        lists[list].codes.append(contentsOf: repeatElement(0, count: dimension))
        var scale: Float = 0
        rows.withUnsafeBufferPointer { rows in
            lists[list].codes.withUnsafeMutableBufferPointer { codes in
                junction_to_i8(rows.baseAddress! + slot * dimension, Int32(dimension), codes.baseAddress! + start, &scale)
            }
        }
        lists[list].scales.append(scale)
    }
}

/// One inverted list: slots and their 8-bit codes (with each code's scale), in the same order.
struct InvertedList: Sendable {
    var slots: [Int32] = []
    var codes: [Int8] = []
    var scales: [Float] = []

    /// Swap-removes the entry at `offset`; returns the slot that moved into its place, if any.
    mutating func remove(at offset: Int, dimension: Int) -> Int? {
        let last = slots.count - 1
        var moved: Int?
        if offset != last {
            slots[offset] = slots[last]
            scales[offset] = scales[last]
            for i in 0..<dimension { codes[offset * dimension + i] = codes[last * dimension + i] }
            moved = Int(slots[offset])
        }
        slots.removeLast()
        scales.removeLast()
        codes.removeLast(dimension)
        return moved
    }
}
