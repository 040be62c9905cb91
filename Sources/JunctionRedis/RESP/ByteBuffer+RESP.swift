import NIOCore

extension Int {
    /// The number of bytes of this integer's decimal text, including a leading `-`.
    @usableFromInline
    var decimalDigitCount: Int {
        var magnitude = self.magnitude
        var count = self < 0 ? 2 : 1
        while magnitude >= 10 {
            magnitude /= 10
            count += 1
        }
        return count
    }
}

extension ByteBuffer {
    /// Writes `value` as decimal ASCII text without building a `String`.
    @usableFromInline
    mutating func writeRESPDecimal(_ value: Int) {
        if value >= 0 && value < 10 {
            writeInteger(UInt8(truncatingIfNeeded: value) &+ .zero)
            return
        }
        let count = value.decimalDigitCount
        writeWithUnsafeMutableBytes(minimumWritableBytes: count) { bytes in
            var magnitude = value.magnitude
            var index = count
            repeat {
                index -= 1
                bytes[index] = UInt8(truncatingIfNeeded: magnitude % 10) &+ .zero
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { bytes[0] = .minus }
            return count
        }
    }

    /// Writes `CR LF`.
    @usableFromInline
    mutating func writeCRLF() {
        writeInteger(UInt16(0x0D0A))
    }

    /// Writes a RESP header line: the type byte, a decimal length or count, and CRLF (`$3\r\n`, `*2\r\n`).
    @usableFromInline
    mutating func writeRESPHeader(_ type: UInt8, _ length: Int) {
        writeInteger(type)
        writeRESPDecimal(length)
        writeCRLF()
    }

    /// Writes `floats` as raw little-endian float32 bytes.
    @usableFromInline
    mutating func writeLittleEndianFloat32s(_ floats: [Float]) {
        #if _endian(little)
        floats.withUnsafeBytes { _ = writeBytes($0) }
        #else
        reserveCapacity(minimumWritableBytes: floats.count * 4)
        for float in floats {
            writeInteger(float.bitPattern, endianness: .little)
        }
        #endif
    }
}
