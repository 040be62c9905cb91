import Foundation

/// The fake upstream's error: a stable `code` and a message naming what is wrong.
///
/// Codes: `invalid_control` (a `POST /_control` body or Swift control value is wrong), `bind_failed` (the server
/// could not listen on the address asked for), `server_stopped` (the server ended before it was listening).
public struct FakeUpstreamError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable short code.
    public let code: String
    /// What is wrong.
    public let message: String

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
