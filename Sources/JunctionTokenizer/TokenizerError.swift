/// An error loading a tokenizer, with a stable short ``code`` and a human ``message``.
///
/// The code is suitable as a metric label; the message names the file or the
/// JSON path at fault.
public struct TokenizerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable identifier of the kind of failure, such as `missing_file`.
    public let code: String
    /// Human-readable explanation naming the file or field involved.
    public let message: String

    /// Creates an error with a code and a message.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String {
        "\(code): \(message)"
    }

    /// Neither `tokenizer.json` nor `vocab.txt` (or another required file) exists.
    static func missingFile(_ message: String) -> TokenizerError {
        TokenizerError(code: "missing_file", message: message)
    }

    /// A file exists but cannot be read.
    static func unreadableFile(_ message: String) -> TokenizerError {
        TokenizerError(code: "unreadable_file", message: message)
    }

    /// `tokenizer.json` is not valid JSON or lacks a required field.
    static func invalidTokenizerJSON(_ message: String) -> TokenizerError {
        TokenizerError(code: "invalid_tokenizer_json", message: message)
    }

    /// `tokenizer_config.json` or `special_tokens_map.json` is malformed.
    static func invalidTokenizerConfig(_ message: String) -> TokenizerError {
        TokenizerError(code: "invalid_tokenizer_config", message: message)
    }

    /// `vocab.txt` holds no tokens.
    static func invalidVocabulary(_ message: String) -> TokenizerError {
        TokenizerError(code: "invalid_vocabulary", message: message)
    }

    /// The tokenizer is valid but not a BERT WordPiece pipeline this module implements.
    static func unsupportedTokenizer(_ message: String) -> TokenizerError {
        TokenizerError(code: "unsupported_tokenizer", message: message)
    }

    /// The unknown, classifier or separator token is not in the vocabulary.
    static func missingSpecialToken(_ message: String) -> TokenizerError {
        TokenizerError(code: "missing_special_token", message: message)
    }

    /// An argument such as `maxLength` is out of range.
    static func invalidConfiguration(_ message: String) -> TokenizerError {
        TokenizerError(code: "invalid_configuration", message: message)
    }
}
