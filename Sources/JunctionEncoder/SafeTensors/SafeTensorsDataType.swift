/// The floating-point element types Junction reads from safetensors files.
enum SafeTensorsDataType: String {
    case f32 = "F32"
    case f16 = "F16"
    case bf16 = "BF16"

    var byteWidth: Int { self == .f32 ? 4 : 2 }

    /// Converts `count` little-endian values from `source` into F32.
    func widen(_ source: UnsafeRawBufferPointer, into target: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .f32:
            for i in 0..<count {
                target[i] = Float(bitPattern: UInt32(littleEndian: source.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
            }
        case .f16:
            for i in 0..<count {
                let bits = UInt16(littleEndian: source.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))
                target[i] = Self.halfToFloat(bits)
            }
        case .bf16:
            for i in 0..<count {
                let bits = UInt16(littleEndian: source.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))
                target[i] = Float(bitPattern: UInt32(bits) << 16)
            }
        }
    }

    /// IEEE 754 binary16 to binary32, including subnormals, infinities and NaN.
    static func halfToFloat(_ bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = Int((bits >> 10) & 0x1F)
        let mantissa = UInt32(bits & 0x3FF)
        if exponent == 0x1F {
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        }
        if exponent == 0 {
            // Zero or subnormal: value = mantissa · 2^-24.
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        }
        return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
    }
}
