/// The one error type of the encoder module: a stable short `code` (usable as a
/// metric label) and a human `message` naming the file or value at fault.
public struct EncoderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable short code, for example `missing_file` or `unsupported_architecture`.
    public let code: String
    /// Human-readable explanation, naming the file, tensor or setting at fault.
    public let message: String

    /// Creates an error with a stable code and a message.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The message, as printed on the command line.
    public var description: String { message }

    static func missingFile(_ path: String, _ why: String) -> EncoderError {
        EncoderError(code: "missing_file", message: "model file not found: \(path) (\(why))")
    }

    static func invalidFile(_ path: String, _ why: String) -> EncoderError {
        EncoderError(code: "invalid_file", message: "cannot read \(path): \(why)")
    }

    static func unsupported(_ path: String, _ why: String) -> EncoderError {
        EncoderError(code: "unsupported_architecture", message: "unsupported model in \(path): \(why)")
    }

    static func missingTensor(_ name: String, _ path: String) -> EncoderError {
        EncoderError(code: "missing_tensor", message: "tensor \(name) not found in \(path)")
    }

    static func badShape(_ name: String, expected: [Int], found: [Int]) -> EncoderError {
        EncoderError(
            code: "tensor_shape",
            message: "tensor \(name) has shape \(found), expected \(expected)"
        )
    }
}
