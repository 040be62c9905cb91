/// The kinds of RESP aggregate: a header line announcing how many values follow.
enum RESPAggregateKind: Sendable {
    case array, set, push, map, attribute

    /// How many values one announced element takes (maps and attributes count pairs).
    var valuesPerElement: Int {
        switch self {
        case .array, .set, .push: return 1
        case .map, .attribute: return 2
        }
    }
}

/// One complete RESP token found at the start of the readable bytes: a whole scalar value, or an aggregate's
/// header line. Ranges are byte positions relative to the first readable byte. The token holds no references,
/// so passing it around costs no reference counting.
enum RESPToken {
    case simpleString(Range<Int>)
    case simpleError(Range<Int>)
    case integer(Int64)
    case bulkString(Range<Int>)
    case nullBulkString
    case nullArray
    case null
    case boolean(Bool)
    case double(Double)
    case bigNumber(Range<Int>)
    case bulkError(Range<Int>)
    case verbatimString(format: Range<Int>, text: Range<Int>)
    case aggregate(RESPAggregateKind, count: Int)
}
