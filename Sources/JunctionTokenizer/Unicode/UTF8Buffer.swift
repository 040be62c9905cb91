/// Small helpers for reading and writing UTF-8 without creating `String`s.
///
/// The tokenizer works on the UTF-8 bytes of its input: Swift strings are
/// already valid UTF-8, and every buffer it builds itself is written here, so
/// decoding never meets malformed sequences.
enum UTF8Buffer {
    /// Decodes the scalar starting at `index`, returning its value and byte length.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 {
            return (lead, 1)
        }
        if lead < 0xE0 {
            return ((lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2)
        }
        if lead < 0xF0 {
            let value = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
                | UInt32(bytes[index + 2] & 0x3F)
            return (value, 3)
        }
        let value = (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
            | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
        return (value, 4)
    }

    /// Decodes the scalar that ends just before `index`.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> UInt32 {
        var start = index - 1
        while start > 0 && isContinuation(bytes[start]) {
            start -= 1
        }
        return decode(bytes, at: start).value
    }

    /// Whether the byte continues a multi-byte sequence (`10xxxxxx`).
    @inline(__always)
    static func isContinuation(_ byte: UInt8) -> Bool {
        byte & 0xC0 == 0x80
    }

    /// Appends the UTF-8 encoding of a scalar value.
    @inline(__always)
    static func append(_ value: UInt32, to output: inout [UInt8]) {
        if value < 0x80 {
            output.append(UInt8(truncatingIfNeeded: value))
        } else if value < 0x800 {
            output.append(UInt8(truncatingIfNeeded: 0xC0 | value >> 6))
            output.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        } else if value < 0x10000 {
            output.append(UInt8(truncatingIfNeeded: 0xE0 | value >> 12))
            output.append(UInt8(truncatingIfNeeded: 0x80 | (value >> 6) & 0x3F))
            output.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        } else {
            output.append(UInt8(truncatingIfNeeded: 0xF0 | value >> 18))
            output.append(UInt8(truncatingIfNeeded: 0x80 | (value >> 12) & 0x3F))
            output.append(UInt8(truncatingIfNeeded: 0x80 | (value >> 6) & 0x3F))
            output.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        }
    }
}
