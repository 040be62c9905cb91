import Crypto
import Foundation
import JunctionJSON

/// API key text: generating new keys, and the SHA-256 that names a key everywhere it is stored (the key
/// itself never is).
public enum APIKey {
    /// The prefix of keys Junction makes.
    public static let prefix = "sk-jn-"

    /// A new random key: `sk-jn-` and 43 base-62 characters (256 bits of randomness).
    public static func generate() -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        var generator = SystemRandomNumberGenerator()
        return prefix + String((0..<43).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }

    /// The key's SHA-256, 64 lower-case hex digits.
    public static func hash(_ key: String) -> String {
        Hashify.sha256Hex(key)
    }

    /// The public id of a key: `key_` and the first 16 hex digits of its hash (shown in the admin API and
    /// used in limiter keys; the hash's first digits reveal nothing usable about the key).
    public static func id(hash: String) -> String {
        "key_" + hash.prefix(16)
    }

    /// The first characters of a key, for people to recognise it (`sk-jn-Ab3…`).
    public static func hint(_ key: String) -> String {
        String(key.prefix(min(9, max(0, key.count - 4)))) + "…"
    }

    /// The key of an `Authorization` header value (`Bearer KEY` or the bare key), nil when empty.
    public static func fromAuthorization(_ value: String?) -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "bearer" { return nil }
        let key = trimmed.lowercased().hasPrefix("bearer ") ? String(trimmed.dropFirst(7)).trimmingCharacters(in: .whitespaces) : trimmed
        return key.isEmpty ? nil : key
    }

    /// Compares two secrets in time that depends only on their lengths (for the admin key).
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let left = Array(SHA256.hash(data: Array(a.utf8))), right = Array(SHA256.hash(data: Array(b.utf8)))
        var difference: UInt8 = 0
        for index in 0..<left.count { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
