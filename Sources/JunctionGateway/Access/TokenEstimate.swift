/// Token counts estimated before a request goes upstream (the upstream's tokenizer is not Junction's):
/// deliberately on the high side, so a reservation rarely falls short of the real count.
enum TokenEstimate {
    /// The prompt's tokens: a third of each message's UTF-8 bytes (English runs about four bytes a token;
    /// other scripts fewer), plus OpenAI's per-message overhead.
    static func prompt(_ messages: [ChatMessage]) -> Int {
        messages.reduce(3) { $0 + 4 + ($1.text.utf8.count + $1.role.utf8.count + 2) / 3 }
    }

    /// A completion's tokens from its text, when the upstream reported no usage.
    static func completion(_ text: String) -> Int {
        (text.utf8.count + 2) / 3
    }
}
