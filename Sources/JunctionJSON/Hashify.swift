import Crypto
import Foundation

/// RedisVL's `hashify`: the SHA-256 hex digest that names references, cache entries and embeddings-cache keys.
public enum Hashify {
    /// `sha256hex(text utf-8)`.
    public static func sha256Hex(_ text: String) -> String {
        let digest = SHA256.hash(data: Data(text.utf8))
        return String(unsafeUninitializedCapacity: 64) { buffer in
            var position = 0
            for byte in digest {
                buffer[position] = hexDigits[Int(byte >> 4)]
                buffer[position + 1] = hexDigits[Int(byte & 0x0F)]
                position += 2
            }
            return position
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// `hashify(content, extras)`: the digest of `content` followed, when `extras` is not empty, by
    /// `" ".join(k + v for k, v in sorted(extras))`, keys in code-point order as Python sorts them.
    public static func sha256Hex(_ content: String, extras: [String: String]) -> String {
        guard !extras.isEmpty else { return sha256Hex(content) }
        let sorted = extras.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
        return sha256Hex(content + sorted.map { $0.key + $0.value }.joined(separator: " "))
    }
}
