/// An error from the Redis client: a stable short ``code`` (usable as a metric label) and a human ``message``.
///
/// Codes:
/// - `invalid_url`: a Redis URL could not be parsed; the message names the problem.
/// - `connection_refused`: no connection could be opened (refused, unreachable, name not resolved).
/// - `connect_timeout`: opening a connection (TCP, TLS and the HELLO handshake) took longer than the connect timeout.
/// - `timeout`: a command got no reply within the command timeout (its connection is then closed).
/// - `closed`: the connection or client was closed while the command waited, or before it was sent.
/// - `protocol`: the server sent bytes that are not valid RESP, or a reply nobody asked for.
/// - `server`: Redis answered with an error reply; ``serverCode`` holds its code (`ERR`, `WRONGTYPE`, `NOSCRIPT`, ...).
/// - `auth`: the server refused the credentials, or requires some and none were given.
/// - `unexpected_reply`: the reply's type or shape is not what the command expects.
public struct RedisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable, short kind of error (see the type's documentation for the list).
    public let code: String
    /// A human description; names the server as host:port, and for `server` carries Redis's error text.
    public let message: String
    /// For code `server`: the error code of Redis's reply (`ERR`, `WRONGTYPE`, `NOSCRIPT`, ...); nil otherwise.
    public let serverCode: String?

    /// Creates an error with a code, a message and, for server errors, Redis's error code.
    public init(code: String, message: String, serverCode: String? = nil) {
        self.code = code
        self.message = message
        self.serverCode = serverCode
    }

    public var description: String {
        "RedisError(\(code)): \(message)"
    }
}

extension RedisError {
    static func invalidURL(_ problem: String) -> RedisError {
        RedisError(code: "invalid_url", message: "invalid Redis URL: \(problem)")
    }

    static func connectionRefused(_ endpoint: String, _ detail: String) -> RedisError {
        RedisError(code: "connection_refused", message: "cannot connect to Redis at \(endpoint): \(detail)")
    }

    static func connectTimeout(_ endpoint: String, _ timeout: Duration) -> RedisError {
        RedisError(code: "connect_timeout", message: "connecting to Redis at \(endpoint) took longer than \(timeout)")
    }

    static func timeout(_ endpoint: String, _ timeout: Duration) -> RedisError {
        RedisError(code: "timeout", message: "Redis at \(endpoint) did not reply within \(timeout); the connection was closed")
    }

    static func closed(_ endpoint: String, _ reason: String) -> RedisError {
        RedisError(code: "closed", message: "connection to Redis at \(endpoint) closed: \(reason)")
    }

    static func protocolError(_ endpoint: String, _ detail: String) -> RedisError {
        RedisError(code: "protocol", message: "protocol error from Redis at \(endpoint): \(detail)")
    }

    static func auth(_ endpoint: String, _ detail: String) -> RedisError {
        RedisError(code: "auth", message: "Redis at \(endpoint) refused authentication: \(detail)")
    }

    /// A server error reply (`-ERR ...`), carrying Redis's text and code.
    static func server(_ error: RESPError, _ endpoint: String) -> RedisError {
        RedisError(code: "server", message: "Redis at \(endpoint) replied with an error: \(error.text)", serverCode: error.code)
    }

    /// A reply of the wrong type or shape for `command`.
    static func unexpectedReply(_ command: String, expected: String, got reply: RESPValue) -> RedisError {
        RedisError(code: "unexpected_reply", message: "unexpected reply to \(command): expected \(expected), got \(reply.shapeDescription)")
    }

    static func unexpectedReply(_ message: String) -> RedisError {
        RedisError(code: "unexpected_reply", message: message)
    }
}

extension RESPValue {
    /// The type of the value, for error messages (never its content, which may hold user data).
    var shapeDescription: String {
        switch self {
        case .simpleString: "simple string"
        case .simpleError: "error"
        case .integer: "integer"
        case .bulkString(.some): "bulk string"
        case .bulkString(.none): "null bulk string"
        case .array(.some(let elements)): "array of \(elements.count)"
        case .array(.none): "null array"
        case .null: "null"
        case .boolean: "boolean"
        case .double: "double"
        case .bigNumber: "big number"
        case .bulkError: "bulk error"
        case .verbatimString: "verbatim string"
        case .map(let pairs): "map of \(pairs.count)"
        case .set(let elements): "set of \(elements.count)"
        case .attribute(_, let value): value.shapeDescription
        case .push: "push message"
        }
    }
}
