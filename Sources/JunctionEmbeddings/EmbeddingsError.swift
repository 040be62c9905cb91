/// The one error type of the embeddings module: a stable short `code` (usable as a metric label), a human
/// `message` naming the vectorizer, model or provider at fault and what to do, and the provider's HTTP
/// status when one answered.
public struct EmbeddingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable short code: `unsupported_vectorizer`, `model_not_installed`, `dimension_mismatch`,
    /// `missing_credentials`, `invalid_configuration`, `model_load`, `provider_error` (the provider answered
    /// an error), `provider_timeout`, `provider_unreachable`, `invalid_response`.
    public let code: String
    /// What is wrong and, where it helps, what to do.
    public let message: String
    /// The provider's last HTTP status, for `provider_error`.
    public let status: Int?

    /// Creates an error.
    public init(code: String, message: String, status: Int? = nil) {
        self.code = code
        self.message = message
        self.status = status
    }

    /// The message.
    public var description: String { message }

    static func invalidConfiguration(_ message: String) -> EmbeddingsError {
        EmbeddingsError(code: "invalid_configuration", message: message)
    }
}
