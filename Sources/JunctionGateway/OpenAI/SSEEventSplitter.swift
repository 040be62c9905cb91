/// Splits a server-sent event stream into whole events as its bytes arrive (split anywhere), each event's
/// raw bytes kept as they came, blank line included, so events passed on are byte-identical. Used where the
/// gateway must act on whole events (dropping the usage chunk it asked for, restoring redacted values).
struct SSEEventSplitter: Sendable {
    private var pending: [UInt8] = []

    init() {}

    /// The events `bytes` completes, in order; an incomplete last event waits for more bytes.
    mutating func feed(_ bytes: [UInt8]) -> [[UInt8]] {
        pending += bytes
        var events: [[UInt8]] = []
        var start = 0, index = 0
        while index < pending.count {
            if let length = Self.blankLine(in: pending, at: index) {
                events.append(Array(pending[start..<(index + length)]))
                index += length
                start = index
            } else {
                index += 1
            }
        }
        pending.removeFirst(start)
        return events
    }

    /// Whatever is left (an event the stream never ended).
    mutating func rest() -> [UInt8] {
        defer { pending = [] }
        return pending
    }

    /// The length of the line break plus blank line at `index` (`\n\n`, `\r\n\r\n`, `\r\r`), nil when none.
    private static func blankLine(in bytes: [UInt8], at index: Int) -> Int? {
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        func at(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
        if at(0) == lf, at(1) == lf { return 2 }
        if at(0) == cr, at(1) == lf, at(2) == cr, at(3) == lf { return 4 }
        if at(0) == cr, at(1) == cr { return 2 }
        if at(0) == lf, at(1) == cr, at(2) == lf { return 3 }
        return nil
    }

    /// The `data` of one raw event (its `data:` lines joined), nil when it has none.
    static func data(of event: [UInt8]) -> String? {
        var parser = SSEParser()
        return parser.feed(event).first
    }
}
