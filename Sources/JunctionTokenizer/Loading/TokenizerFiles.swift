import Foundation

/// A vocabulary and configuration read from a model directory.
struct TokenizerDefinition: Sendable {
    /// Token-to-id map, added and special tokens included.
    var vocabulary: Vocabulary
    /// Settings; `maxLength` is filled in by the caller.
    var configuration: TokenizerConfiguration
}

/// File access shared by the tokenizer readers.
enum TokenizerFiles {
    /// Whether a regular file exists at the URL.
    static func exists(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// The bytes of a file.
    static func bytes(of url: URL) throws(TokenizerError) -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: url))
        } catch {
            throw .unreadableFile("cannot read \(url.path): \(error.localizedDescription)")
        }
    }

    /// Parses a JSON file; syntax errors become `makeError` with the path and byte offset.
    static func json(
        at url: URL, makeError: (String) -> TokenizerError
    ) throws(TokenizerError) -> JSONValue {
        let data = try bytes(of: url)
        do {
            return try JSONParser.parse(data)
        } catch {
            throw makeError("\(url.path) is not valid JSON: \(error.reason) at byte \(error.offset)")
        }
    }

    /// A token given either as a string or as a serialized `AddedToken` object with `content`.
    static func tokenContent(_ value: JSONValue?) -> String? {
        if let string = value?.stringValue {
            return string
        }
        return value?["content"]?.stringValue
    }

    /// Decodes the flags of a serialized Hugging Face `AddedToken` (Rust defaults when absent).
    static func addedToken(_ value: JSONValue) -> AddedToken? {
        guard let content = value["content"]?.stringValue, !content.isEmpty else {
            return nil
        }
        return AddedToken(
            content,
            singleWord: value["single_word"]?.boolValue ?? false,
            normalized: value["normalized"]?.boolValue ?? !(value["special"]?.boolValue ?? false))
    }
}
