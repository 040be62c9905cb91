/// The router module's error: a stable `code` (usable as a metric label) and a
/// human `message` naming the route, field or file at fault.
public struct RouterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable short code: `invalid_route`, `invalid_routing_config`, `invalid_router`,
    /// `unknown_route`, `duplicate_route`, `invalid_file`, `invalid_vector`, `embedding`,
    /// `storage`, `invalid_data` (fitting data the fit cannot use); on Redis also `not_found`, `schema_mismatch`, `router_exists`,
    /// `unsupported_aggregation`, `redis`, `redis_unsupported`.
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
