/// A byte-level trie over the UTF-8 spelling of every vocabulary token.
///
/// Longest-match-first WordPiece is a single forward walk: follow bytes from
/// the start of the remaining word and remember the last node that ends a
/// token. Keys are raw UTF-8 bytes, so lookups are byte-exact like Rust's
/// `HashMap<String, u32>` (Swift `String` equality would treat canonically
/// equivalent spellings such as `é` and `e\u{301}` as equal).
///
/// Edges live in one open-addressing hash table keyed by `(node, byte)`.
struct TokenTrie: Sendable {
    /// Node index of the root (the empty prefix).
    static let root: Int32 = 0

    /// Token id ending at each node, or -1.
    private var terminalIDs: [Int32] = [-1]
    /// Edge keys `node << 8 | byte`, plus one; 0 marks an empty slot.
    private var edgeKeys: [UInt64]
    /// Child node of each occupied edge slot.
    private var edgeTargets: [Int32]
    /// Number of bits of the table size (a power of two).
    private let tableBits: Int

    /// Creates a trie sized for `byteCount` bytes of token spellings in total.
    init(byteCount: Int) {
        var bits = 4
        while (1 << bits) < max(16, byteCount * 2) {
            bits += 1
        }
        tableBits = bits
        edgeKeys = Array(repeating: 0, count: 1 << bits)
        edgeTargets = Array(repeating: -1, count: 1 << bits)
        terminalIDs.reserveCapacity(byteCount + 1)
    }

    /// Number of nodes, the root included.
    var nodeCount: Int { terminalIDs.count }

    /// Number of distinct token spellings stored.
    private(set) var tokenCount = 0

    /// Adds a token; a later insertion of the same bytes replaces the id.
    mutating func insert(_ bytes: some Sequence<UInt8>, id: Int32) {
        var node = Self.root
        for byte in bytes {
            let key = Self.key(node, byte)
            var slot = slotIndex(for: key)
            while edgeKeys[slot] != 0 && edgeKeys[slot] != key {
                slot = (slot + 1) & (edgeKeys.count - 1)
            }
            if edgeKeys[slot] == key {
                node = edgeTargets[slot]
            } else {
                if terminalIDs.count * 2 >= edgeKeys.count {
                    grow()
                    insert(bytes, id: id)
                    return
                }
                let child = Int32(terminalIDs.count)
                terminalIDs.append(-1)
                edgeKeys[slot] = key
                edgeTargets[slot] = child
                node = child
            }
        }
        if terminalIDs[Int(node)] < 0 {
            tokenCount += 1
        }
        terminalIDs[Int(node)] = id
    }

    /// The node reached from `node` by `byte`, or -1.
    @inline(__always)
    func child(of node: Int32, byte: UInt8) -> Int32 {
        let key = Self.key(node, byte)
        return edgeKeys.withUnsafeBufferPointer { keys in
            var slot = slotIndex(for: key)
            while true {
                let stored = keys[slot]
                if stored == key {
                    return edgeTargets[slot]
                }
                if stored == 0 {
                    return -1
                }
                slot = (slot &+ 1) & (keys.count &- 1)
            }
        }
    }

    /// The token id ending at `node`, or -1.
    @inline(__always)
    func terminalID(of node: Int32) -> Int32 {
        terminalIDs[Int(node)]
    }

    /// The node reached from `start` by all of `bytes`, or -1.
    func walk(_ bytes: some Sequence<UInt8>, from start: Int32 = root) -> Int32 {
        var node = start
        for byte in bytes {
            node = child(of: node, byte: byte)
            if node < 0 {
                return -1
            }
        }
        return node
    }

    @inline(__always)
    private static func key(_ node: Int32, _ byte: UInt8) -> UInt64 {
        (UInt64(UInt32(bitPattern: node)) << 8 | UInt64(byte)) &+ 1
    }

    @inline(__always)
    private func slotIndex(for key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - tableBits))
    }

    /// Doubles the edge table (only needed when the size estimate was too small).
    private mutating func grow() {
        var larger = TokenTrie(byteCount: edgeKeys.count)
        larger.terminalIDs = terminalIDs
        larger.tokenCount = tokenCount
        for slot in edgeKeys.indices where edgeKeys[slot] != 0 {
            var target = larger.slotIndex(for: edgeKeys[slot])
            while larger.edgeKeys[target] != 0 {
                target = (target + 1) & (larger.edgeKeys.count - 1)
            }
            larger.edgeKeys[target] = edgeKeys[slot]
            larger.edgeTargets[target] = edgeTargets[slot]
        }
        self = larger
    }
}
