import NIOCore

extension Int {
    /// The number of bytes of this integer's decimal text, including a leading `-`.
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

extension UnsafeMutableRawBufferPointer {
    /// Stores `value`'s decimal text in the `count` bytes starting at `start` (`count` from `decimalDigitCount`).
    @inline(__always)
    func storeDecimal(_ value: Int, at start: Int, count: Int) {
        var magnitude = value.magnitude
        var index = start + count
        repeat {
            index -= 1
            self[index] = UInt8(truncatingIfNeeded: magnitude % 10) &+ .zero
            magnitude /= 10
        } while magnitude > 0
        if value < 0 { self[start] = .minus }
    }
}

extension ByteBuffer {
    /// Writes `CR LF`.
    mutating func writeCRLF() {
        writeInteger(UInt16(0x0D0A))
    }

    /// Writes a RESP header line: the type byte, a decimal length or count, and CRLF (`$3\r\n`, `*2\r\n`).
    mutating func writeRESPHeader(_ type: UInt8, _ length: Int) {
        let digits = length.decimalDigitCount
        writeWithUnsafeMutableBytes(minimumWritableBytes: digits + 3) { bytes in
            bytes[0] = type
            bytes.storeDecimal(length, at: 1, count: digits)
            bytes[digits + 1] = .cr
            bytes[digits + 2] = .lf
            return digits + 3
        }
    }

    /// Writes a whole bulk string (`$<n>\r\n<payload>\r\n`) in one step, or with another type byte
    /// (`!` for a bulk error).
    mutating func writeRESPBlob(_ payload: UnsafeRawBufferPointer, type: UInt8 = RESPTypeByte.bulkString.rawValue) {
        let digits = payload.count.decimalDigitCount
        let total = digits + payload.count + 5
        writeWithUnsafeMutableBytes(minimumWritableBytes: total) { bytes in
            bytes[0] = type
            bytes.storeDecimal(payload.count, at: 1, count: digits)
            bytes[digits + 1] = .cr
            bytes[digits + 2] = .lf
            if let source = payload.baseAddress, payload.count > 0 {
                (bytes.baseAddress! + digits + 3).copyMemory(from: source, byteCount: payload.count)
            }
            bytes[total - 2] = .cr
            bytes[total - 1] = .lf
            return total
        }
    }

    /// Writes a bulk string holding `string`'s UTF-8 bytes.
    mutating func writeRESPBlob(_ string: String) {
        var string = string
        string.withUTF8 { writeRESPBlob(UnsafeRawBufferPointer($0)) }
    }

    /// Writes a bulk string holding `value`'s decimal text.
    mutating func writeRESPBlob(decimal value: Int) {
        let digits = value.decimalDigitCount
        let total = digits.decimalDigitCount + digits + 5
        writeWithUnsafeMutableBytes(minimumWritableBytes: total) { bytes in
            bytes[0] = RESPTypeByte.bulkString.rawValue
            bytes.storeDecimal(digits, at: 1, count: total - digits - 5)
            bytes[total - digits - 4] = .cr
            bytes[total - digits - 3] = .lf
            bytes.storeDecimal(value, at: total - digits - 2, count: digits)
            bytes[total - 2] = .cr
            bytes[total - 1] = .lf
            return total
        }
    }

    /// Writes a bulk string holding `floats` as raw little-endian float32 bytes.
    mutating func writeRESPBlob(littleEndianFloat32s floats: [Float]) {
        #if _endian(little)
        floats.withUnsafeBytes { writeRESPBlob($0) }
        #else
        writeRESPHeader(RESPTypeByte.bulkString.rawValue, floats.count * 4)
        for float in floats {
            writeInteger(float.bitPattern, endianness: .little)
        }
        writeCRLF()
        #endif
    }
}
