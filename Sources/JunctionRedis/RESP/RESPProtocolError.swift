/// The bytes received from a server were not valid RESP, or broke one of the decoder's limits.
///
/// A connection that sees this error can no longer be trusted to be in step with the server and must be closed.
/// `code` is stable and short, so it can be used as a metric label; `message` says what was expected and found.
public struct RESPProtocolError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, short identifier of the kind of protocol error.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The code as a short camel-case string, e.g. `invalidTypeByte`.
        public let rawValue: String

        private init(_ rawValue: String) {
            self.rawValue = rawValue
        }

        /// The code's ``rawValue``.
        public var description: String { rawValue }

        /// The first byte of a value is not a RESP type byte.
        public static let invalidTypeByte = Code("invalidTypeByte")
        /// A length or element count is not a valid decimal number (or is negative where that is not allowed).
        public static let invalidLength = Code("invalidLength")
        /// An integer (`:`) value is not a valid signed 64-bit decimal number.
        public static let invalidInteger = Code("invalidInteger")
        /// A double (`,`) value is not a valid floating-point number, `inf`, `-inf` or `nan`.
        public static let invalidDouble = Code("invalidDouble")
        /// A big number (`(`) value is not an optionally signed string of digits.
        public static let invalidBigNumber = Code("invalidBigNumber")
        /// A boolean (`#`) value is neither `t` nor `f`.
        public static let invalidBoolean = Code("invalidBoolean")
        /// A null (`_`) value is not followed directly by CRLF.
        public static let invalidNull = Code("invalidNull")
        /// A verbatim string (`=`) does not start with a three-character ASCII format and a colon.
        public static let invalidVerbatimString = Code("invalidVerbatimString")
        /// A CRLF terminator was expected but other bytes were found (or a line held a bare CR or LF).
        public static let missingTerminator = Code("missingTerminator")
        /// A line (simple string, error, number or header) is longer than the decoder accepts.
        public static let lineTooLong = Code("lineTooLong")
        /// A bulk string, bulk error or verbatim string declares a length over the decoder's limit.
        public static let bulkTooLong = Code("bulkTooLong")
        /// An aggregate declares more elements than the decoder accepts.
        public static let aggregateTooLong = Code("aggregateTooLong")
        /// Aggregates are nested deeper than the decoder accepts.
        public static let nestingTooDeep = Code("nestingTooDeep")
        /// A RESP3 streamed string or aggregate (length `?`), which Redis never sends and this decoder does not read.
        public static let unsupportedStreamedType = Code("unsupportedStreamedType")
    }

    /// What kind of protocol error this is.
    public let code: Code
    /// A human description naming what was expected and what was found.
    public let message: String
    /// The offset, in bytes from the start of the stream the decoder has read, where the problem was found.
    public let offset: Int

    /// Creates a protocol error.
    public init(code: Code, message: String, offset: Int) {
        self.code = code
        self.message = message
        self.offset = offset
    }

    /// The code, message and offset in one line.
    public var description: String {
        "RESPProtocolError(\(code.rawValue)): \(message) at byte \(offset)"
    }
}
