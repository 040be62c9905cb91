/// An incremental parser of server-sent events: feed it the bytes of a stream as they arrive (split
/// anywhere, even inside a line or a UTF-8 sequence) and it returns the `data` of each event completed so
/// far. Comments and fields other than `data` are skipped; `\n`, `\r\n` and `\r` all end lines.
struct SSEParser: Sendable {
    private var line: [UInt8] = []
    private var data: [UInt8] = []
    private var hasData = false
    private var lastWasCR = false

    init() {}

    /// Consumes `bytes`; returns the data of every event they complete, in order.
    mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [String] where Bytes.Element == UInt8 {
        var events: [String] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") && lastWasCR {
                lastWasCR = false
                continue
            }
            lastWasCR = byte == UInt8(ascii: "\r")
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if let event = endLine() { events.append(event) }
            } else {
                line.append(byte)
            }
        }
        return events
    }

    /// Ends the current line; returns an event's data when the line was blank and data was collected.
    private mutating func endLine() -> String? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            guard hasData else { return nil }
            let event = String(decoding: data, as: UTF8.self)
            data.removeAll(keepingCapacity: true)
            hasData = false
            return event
        }
        guard line.starts(with: "data".utf8) else { return nil }
        var value = line.dropFirst(4)
        if let first = value.first {
            guard first == UInt8(ascii: ":") else { return nil }
            value = value.dropFirst()
            if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
        }
        if hasData { data.append(UInt8(ascii: "\n")) }
        data.append(contentsOf: value)
        hasData = true
        return nil
    }
}
