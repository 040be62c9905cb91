/// The sessions module's error: a stable `code` (usable as a metric label) and a human `message`.
public struct SessionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable short code: `invalid_session`, `storage`, `redis`, `schema_mismatch`.
    public let code: String
    /// What is wrong and, where it helps, what to do.
    public let message: String

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
