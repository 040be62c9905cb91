import Crypto

/// `CRYPTO`: wallet addresses. Bitcoin legacy and script addresses (`1...`, `3...`) must pass their
/// base58check checksum (double SHA-256) with a mainnet version byte; SegWit addresses (`bc1...`) their
/// bech32 or bech32m checksum. Ethereum addresses are `0x` and 40 hex digits (their EIP-55 mixed-case
/// checksum is not verified, so any case is accepted).
public struct CryptoWalletRecognizer: PIIRecognizer {
    /// Creates the recognizer.
    public init() {}

    /// `crypto_wallet`.
    public var name: String { "crypto_wallet" }
    /// Words that make a wallet address more likely.
    public var contextWords: [String] { ["wallet", "btc", "bitcoin", "eth", "ethereum", "crypto", "address", "send"] }

    /// The wallet addresses in a text.
    public func findings(in text: ScalarText) -> [PIIFinding] {
        var findings: [PIIFinding] = []
        var index = 0
        while index < text.count {
            guard text.isASCIIAlphanumeric(index), !text.isWordCharacter(index - 1) else {
                index += 1
                continue
            }
            var end = index
            while text.isASCIIAlphanumeric(end) {
                end += 1
            }
            let word = text.string(index..<end)
            if !text.isWordCharacter(end), Self.isWallet(word) {
                findings.append(PIIFinding(type: .crypto, span: index..<end, score: 1.0, detector: name))
            }
            index = end
        }
        return findings
    }

    /// Whether a word is a valid Bitcoin or Ethereum address.
    static func isWallet(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        if bytes.count == 42, bytes[0] == 0x30, bytes[1] | 0x20 == 0x78 {
            return bytes.dropFirst(2).allSatisfy { IPAddressRecognizer.isHexDigit(UInt32($0)) }
        }
        if (26...35).contains(bytes.count), bytes[0] == 0x31 || bytes[0] == 0x33 {
            return isBase58Check(bytes)
        }
        if (14...74).contains(bytes.count), word.lowercased().hasPrefix("bc1") {
            return Bech32.isValid(word, humanReadablePart: "bc")
        }
        return false
    }

    private static let base58Alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

    /// Base58check with a Bitcoin mainnet version byte (0x00 P2PKH, 0x05 P2SH) and 20-byte payload.
    static func isBase58Check(_ bytes: [UInt8]) -> Bool {
        var decoded: [UInt8] = []  // big-endian base-256
        for byte in bytes {
            guard let digit = base58Alphabet.firstIndex(of: byte) else {
                return false
            }
            var carry = digit
            for position in stride(from: decoded.count - 1, through: 0, by: -1) {
                carry += Int(decoded[position]) * 58
                decoded[position] = UInt8(carry & 0xFF)
                carry >>= 8
            }
            while carry > 0 {
                decoded.insert(UInt8(carry & 0xFF), at: 0)
                carry >>= 8
            }
        }
        let leadingZeros = bytes.prefix { $0 == 0x31 }.count
        decoded = Array(repeating: 0, count: leadingZeros) + decoded.drop { $0 == 0 }
        guard decoded.count == 25, decoded[0] == 0x00 || decoded[0] == 0x05 else {
            return false
        }
        let payload = decoded.prefix(21)
        let checksum = SHA256.hash(data: Array(SHA256.hash(data: Array(payload))))
        return Array(checksum.prefix(4)) == Array(decoded.suffix(4))
    }
}
