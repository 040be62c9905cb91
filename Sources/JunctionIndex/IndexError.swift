/// The index module's error: a stable `code` and a human `message`.
public struct IndexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable short code (`dimension_mismatch`, `invalid_vector`, `corrupt_file`, `io`).
    public let code: String
    /// What went wrong, naming the file or value.
    public let message: String

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
