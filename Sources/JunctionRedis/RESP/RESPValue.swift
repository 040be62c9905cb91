import NIOCore

/// One value of the Redis serialization protocol: every RESP2 and RESP3 type.
///
/// String payloads are `ByteBuffer` slices of the bytes read from the server, so decoding copies nothing;
/// the accessors in `RESPValue+Accessors.swift` turn them into Swift types and return nil on a type mismatch.
public enum RESPValue: Sendable {
    /// A key and value of a RESP3 map or attribute.
    public typealias Pair = (key: RESPValue, value: RESPValue)

    /// A simple string, `+OK\r\n` (no CR or LF inside).
    case simpleString(ByteBuffer)
    /// A simple error reply, `-ERR message\r\n`; ``error`` parses its text.
    case simpleError(ByteBuffer)
    /// A signed 64-bit integer, `:42\r\n`.
    case integer(Int64)
    /// A binary-safe bulk string, `$3\r\nfoo\r\n`; nil is the RESP2 null bulk string `$-1\r\n`.
    case bulkString(ByteBuffer?)
    /// An array, `*2\r\n...`; nil is the RESP2 null array `*-1\r\n`.
    case array([RESPValue]?)
    /// The RESP3 null, `_\r\n`.
    case null
    /// A RESP3 boolean, `#t\r\n` or `#f\r\n`.
    case boolean(Bool)
    /// A RESP3 double, `,3.5\r\n`, including `inf`, `-inf` and `nan`.
    case double(Double)
    /// A RESP3 big number, `(12345678901234567890\r\n`: its decimal digits with an optional leading sign.
    case bigNumber(String)
    /// A RESP3 bulk error, `!21\r\nSYNTAX invalid syntax\r\n`; ``error`` parses its text.
    case bulkError(ByteBuffer)
    /// A RESP3 verbatim string, `=15\r\ntxt:Some string\r\n`: a three-byte format (`txt`, `mkd`) and the text.
    case verbatimString(format: String, text: ByteBuffer)
    /// A RESP3 map, `%1\r\n...`, as key-value pairs in the order the server sent them.
    case map([Pair])
    /// A RESP3 set, `~2\r\n...`, in the order the server sent its elements.
    case set([RESPValue])
    /// A RESP3 attribute, `|1\r\n...`, with the value it describes (attributes precede the value they annotate).
    indirect case attribute([Pair], RESPValue)
    /// A RESP3 push message, `>2\r\n...`, sent out of band (pub/sub messages, client-side caching invalidations).
    case push([RESPValue])
}
