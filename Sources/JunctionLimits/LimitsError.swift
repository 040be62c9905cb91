/// The limits module's error: a stable `code` (usable as a metric label) and a human `message`.
public struct LimitsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable short code: `invalid_key_settings`, `not_found`, `storage`, `redis`.
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

    /// A Redis failure (unreachable, timeout, script error): the limiter's fail-open or fail-closed rule
    /// applies.
    static func redis(_ message: String) -> LimitsError {
        LimitsError(code: "redis", message: message)
    }
}
