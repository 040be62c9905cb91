import Crypto
import Foundation

/// RedisVL's `hashify`: the SHA-256 hex digest that names references, cache entries and embeddings-cache keys.
public enum Hashify {
    /// `sha256hex(text utf-8)`.
    public static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// `hashify(content, extras)`: the digest of `content` followed, when `extras` is not empty, by
    /// `" ".join(k + v for k, v in sorted(extras))`, keys in code-point order as Python sorts them.
    public static func sha256Hex(_ content: String, extras: [String: String]) -> String {
        guard !extras.isEmpty else { return sha256Hex(content) }
        let sorted = extras.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
        return sha256Hex(content + sorted.map { $0.key + $0.value }.joined(separator: " "))
    }
}
