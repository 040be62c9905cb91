/// What went wrong in the guard, with a stable short ``code`` (usable as a metric label) and a message
/// for people.
public struct GuardError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable code: `head_missing`, `head_invalid`, `head_model_mismatch`, `data_invalid`,
    /// `policy_invalid`.
    public var code: String
    /// What happened and what to do.
    public var message: String

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }

    static func headInvalid(_ path: String, _ why: String) -> GuardError {
        GuardError(code: "head_invalid", message: "guard head \(path) is not usable: \(why)")
    }

    static func dataInvalid(_ path: String, line: Int, _ why: String) -> GuardError {
        GuardError(code: "data_invalid", message: "\(path):\(line): \(why)")
    }
}
