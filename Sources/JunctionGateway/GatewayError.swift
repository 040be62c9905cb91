/// The gateway's error: a stable `code` (usable as a metric label), the HTTP status it answers with and a
/// message safe to show a client. At the HTTP edge it becomes OpenAI's
/// `{"error": {"message", "type", "param", "code"}}`.
public struct GatewayError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable short code, e.g. `invalid_json`, `invalid_request`, `model_not_found`, `body_too_large`,
    /// `no_upstream`, `upstream_error`, `upstream_timeout`, `invalid_config`.
    public let code: String
    /// The HTTP status a client gets.
    public let status: Int
    /// What is wrong, naming the field, model or upstream at fault; never internals.
    public let message: String
    /// The request field at fault, when there is one (OpenAI's `param`).
    public let param: String?
    /// OpenAI's `type` when it is not the one the status implies (`requests`, `tokens`,
    /// `insufficient_quota` for limits).
    public let explicitType: String?

    /// Creates an error.
    public init(code: String, status: Int, message: String, param: String? = nil, type: String? = nil) {
        self.code = code
        self.status = status
        self.message = message
        self.param = param
        explicitType = type
    }

    /// The message.
    public var description: String { message }

    /// OpenAI's error `type` for this status: `invalid_request_error` for 4xx, else `api_error`.
    public var type: String {
        if let explicitType { return explicitType }
        return switch status {
        case 401: "authentication_error"
        case 404: "invalid_request_error"
        case 429: "rate_limit_error"
        case 400..<500: "invalid_request_error"
        default: "api_error"
        }
    }
}
