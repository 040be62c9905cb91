/// Random identifiers for requests and answers.
enum RandomID {
    /// `bytes` random bytes as lowercase hex.
    static func hex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var text = ""
        text.reserveCapacity(bytes * 2)
        let digits = Array("0123456789abcdef")
        for _ in 0..<bytes {
            let byte = UInt8.random(in: 0...255, using: &generator)
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }

    /// A chat completion id, `chatcmpl-` and 24 hex digits.
    static func completion() -> String { "chatcmpl-" + hex(bytes: 12) }
}
