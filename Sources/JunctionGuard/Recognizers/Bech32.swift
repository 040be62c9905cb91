/// Bech32 (BIP 173) and bech32m (BIP 350) checksums, for SegWit addresses.
enum Bech32 {
    private static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)

    /// Whether `text` is a bech32 or bech32m string with this human-readable part and a valid checksum
    /// (one case throughout, a data part of at least 6 checksum characters).
    static func isValid(_ text: String, humanReadablePart: String) -> Bool {
        guard text == text.lowercased() || text == text.uppercased() else {
            return false
        }
        let lower = Array(text.lowercased().utf8)
        guard let separator = lower.lastIndex(of: 0x31), String(decoding: lower[..<separator], as: UTF8.self) == humanReadablePart,
            lower.count - separator - 1 >= 6
        else {
            return false
        }
        var values: [UInt32] = []
        for byte in lower[(separator + 1)...] {
            guard let value = charset.firstIndex(of: byte) else {
                return false
            }
            values.append(UInt32(value))
        }
        let hrp = Array(humanReadablePart.utf8)
        let expanded = hrp.map { UInt32($0 >> 5) } + [0] + hrp.map { UInt32($0 & 31) }
        let check = polymod(expanded + values)
        return check == 1 || check == 0x2BC8_30A3
    }

    private static func polymod(_ values: [UInt32]) -> UInt32 {
        let generator: [UInt32] = [0x3B6A_57B2, 0x2650_8E6D, 0x1EA1_19FA, 0x3D42_33DD, 0x2A14_62B3]
        var checksum: UInt32 = 1
        for value in values {
            let top = checksum >> 25
            checksum = (checksum & 0x1FF_FFFF) << 5 ^ value
            for bit in 0..<5 where (top >> UInt32(bit)) & 1 == 1 {
                checksum ^= generator[bit]
            }
        }
        return checksum
    }
}
