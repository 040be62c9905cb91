/// Values are equal when they would encode to the same RESP bytes, except that every NaN double equals
/// every other NaN (a decoded `,nan\r\n` equals the `.double(.nan)` it came from) and `0.0 == -0.0`.
extension RESPValue: Hashable {
    /// Whether two values are the same RESP value (NaN equals NaN).
    public static func == (lhs: RESPValue, rhs: RESPValue) -> Bool {
        switch (lhs, rhs) {
        case (.simpleString(let a), .simpleString(let b)): return a == b
        case (.simpleError(let a), .simpleError(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.bulkString(let a), .bulkString(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.null, .null): return true
        case (.boolean(let a), .boolean(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b || (a.isNaN && b.isNaN)
        case (.bigNumber(let a), .bigNumber(let b)): return a == b
        case (.bulkError(let a), .bulkError(let b)): return a == b
        case (.verbatimString(let f1, let t1), .verbatimString(let f2, let t2)): return f1 == f2 && t1 == t2
        case (.map(let a), .map(let b)): return pairsEqual(a, b)
        case (.set(let a), .set(let b)): return a == b
        case (.attribute(let a1, let v1), .attribute(let a2, let v2)): return pairsEqual(a1, a2) && v1 == v2
        case (.push(let a), .push(let b)): return a == b
        default: return false
        }
    }

    /// Hashes the value consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .simpleString(let buffer):
            hasher.combine(0)
            hasher.combine(buffer)
        case .simpleError(let buffer):
            hasher.combine(1)
            hasher.combine(buffer)
        case .integer(let value):
            hasher.combine(2)
            hasher.combine(value)
        case .bulkString(let buffer):
            hasher.combine(3)
            hasher.combine(buffer)
        case .array(let elements):
            hasher.combine(4)
            hasher.combine(elements)
        case .null:
            hasher.combine(5)
        case .boolean(let value):
            hasher.combine(6)
            hasher.combine(value)
        case .double(let value):
            hasher.combine(7)
            hasher.combine(value.isNaN ? Double.nan.bitPattern : (value == 0 ? 0 : value.bitPattern))
        case .bigNumber(let digits):
            hasher.combine(8)
            hasher.combine(digits)
        case .bulkError(let buffer):
            hasher.combine(9)
            hasher.combine(buffer)
        case .verbatimString(let format, let text):
            hasher.combine(10)
            hasher.combine(format)
            hasher.combine(text)
        case .map(let pairs):
            hasher.combine(11)
            Self.hashPairs(pairs, into: &hasher)
        case .set(let elements):
            hasher.combine(12)
            hasher.combine(elements)
        case .attribute(let pairs, let value):
            hasher.combine(13)
            Self.hashPairs(pairs, into: &hasher)
            hasher.combine(value)
        case .push(let elements):
            hasher.combine(14)
            hasher.combine(elements)
        }
    }

    private static func pairsEqual(_ a: [Pair], _ b: [Pair]) -> Bool {
        a.elementsEqual(b) { $0.key == $1.key && $0.value == $1.value }
    }

    private static func hashPairs(_ pairs: [Pair], into hasher: inout Hasher) {
        hasher.combine(pairs.count)
        for pair in pairs {
            hasher.combine(pair.key)
            hasher.combine(pair.value)
        }
    }
}
