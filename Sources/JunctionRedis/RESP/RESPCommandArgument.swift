import NIOCore

/// One argument of a command sent to the server; every argument travels as a RESP bulk string.
///
/// String, integer and floating-point literals convert implicitly, so a command reads
/// `["HSET", key, "reference", text, "vector", .vector(embedding)]`.
public enum RESPCommandArgument: Sendable, Hashable {
    /// UTF-8 text: a command name, key, field or value.
    case string(String)
    /// Bytes already in a buffer, sent as they are (the buffer's readable bytes).
    case buffer(ByteBuffer)
    /// Raw bytes, sent as they are.
    case bytes([UInt8])
    /// An integer, sent in decimal (`COUNT 10` sends `10`).
    case integer(Int)
    /// A floating-point number, sent as Swift's shortest round-tripping text (`inf`, `-inf` for infinities).
    case double(Double)
    /// A vector, sent as raw little-endian float32 bytes (4 bytes per element), as Redis vector fields expect.
    case vector([Float])

    /// An upper bound of the bytes this argument takes on the wire as a bulk string (header, payload, CRLF).
    var encodedLengthBound: Int {
        let framing = 25  // '$', up to 20 length digits, two CRLFs
        switch self {
        case .string(let string): return string.utf8.count + framing
        case .buffer(let buffer): return buffer.readableBytes + framing
        case .bytes(let bytes): return bytes.count + framing
        case .integer: return 20 + framing
        case .double: return 32 + framing  // Swift's shortest round-trip text is at most 24 bytes
        case .vector(let vector): return vector.count * MemoryLayout<Float32>.size + framing
        }
    }
}

extension RESPCommandArgument: ExpressibleByStringLiteral {
    /// Creates a text argument from a string literal.
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension RESPCommandArgument: ExpressibleByIntegerLiteral {
    /// Creates an integer argument from an integer literal.
    public init(integerLiteral value: Int) {
        self = .integer(value)
    }
}

extension RESPCommandArgument: ExpressibleByFloatLiteral {
    /// Creates a floating-point argument from a floating-point literal.
    public init(floatLiteral value: Double) {
        self = .double(value)
    }
}
