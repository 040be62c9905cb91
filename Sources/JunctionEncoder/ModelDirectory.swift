import Foundation

/// The files of a Hugging Face sentence-transformers BERT directory, read and
/// checked: `config.json`, `model.safetensors`, the tokenizer files,
/// `sentence_bert_config.json` and the pooling config (found through
/// `modules.json`, else `1_Pooling/`).
struct ModelDirectory {
    let url: URL
    let config: BertConfiguration
    let pooling: Pooling
    /// `max_seq_length` of `sentence_bert_config.json`, else the tokenizer's
    /// `model_max_length`, else the position table size.
    let maxSequenceLength: Int

    init(url: URL) throws(EncoderError) {
        self.url = url
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw EncoderError.missingFile(url.path, "no such model directory")
        }
        let configPath = url.appendingPathComponent("config.json").path
        let configData = try Self.read(configPath, why: "every Hugging Face model directory has one")
        let config: BertConfiguration
        do {
            config = try JSONDecoder().decode(BertConfiguration.self, from: configData)
        } catch {
            throw EncoderError.unsupported(configPath, "not a BERT config.json (\(Self.describe(error)))")
        }
        try config.validate(path: configPath)
        self.config = config

        let sentenceConfig = try Self.optionalJSON(url.appendingPathComponent("sentence_bert_config.json").path)
        // sentence-transformers 6 moved max_seq_length to the tokenizer's model_max_length.
        let tokenizerConfig = try Self.optionalJSON(url.appendingPathComponent("tokenizer_config.json").path)
        let length = (sentenceConfig?["max_seq_length"] as? Int)
            ?? (tokenizerConfig?["model_max_length"] as? Int).flatMap { $0 <= config.maxPositions ? $0 : nil }
            ?? config.maxPositions
        guard length > 2 else {
            throw EncoderError.unsupported(url.path, "max_seq_length \(length) leaves no room for text")
        }
        maxSequenceLength = min(length, config.maxPositions)

        let poolingPath = url.appendingPathComponent(try Self.poolingFolder(url)).appendingPathComponent("config.json").path
        if let poolingConfig = try Self.optionalJSON(poolingPath) {
            pooling = try Pooling(poolingConfig: poolingConfig, path: poolingPath)
        } else {
            pooling = .mean
        }
    }

    /// The safetensors weights path, with a clear error for other formats.
    var weightsPath: String {
        get throws(EncoderError) {
            let path = url.appendingPathComponent("model.safetensors").path
            guard FileManager.default.fileExists(atPath: path) else {
                let other = ["pytorch_model.bin", "model.onnx", "tf_model.h5"]
                    .first { FileManager.default.fileExists(atPath: url.appendingPathComponent($0).path) }
                throw EncoderError.missingFile(path, other.map { "found \($0); only safetensors weights are supported" }
                    ?? "the weights must be in safetensors format")
            }
            return path
        }
    }

    /// The Pooling module's folder from `modules.json`, else `1_Pooling`.
    private static func poolingFolder(_ url: URL) throws(EncoderError) -> String {
        let modulesPath = url.appendingPathComponent("modules.json").path
        guard FileManager.default.fileExists(atPath: modulesPath) else { return "1_Pooling" }
        let data = try read(modulesPath, why: "listed")
        guard let modules = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw EncoderError.invalidFile(modulesPath, "expected a JSON list of modules")
        }
        let pooling = modules.first { ($0["type"] as? String)?.hasSuffix("Pooling") == true }
        return (pooling?["path"] as? String) ?? "1_Pooling"
    }

    private static func read(_ path: String, why: String) throws(EncoderError) -> Data {
        guard FileManager.default.fileExists(atPath: path) else { throw EncoderError.missingFile(path, why) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EncoderError.invalidFile(path, "unreadable")
        }
        return data
    }

    private static func optionalJSON(_ path: String) throws(EncoderError) -> [String: Any]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data = try read(path, why: "present")
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw EncoderError.invalidFile(path, "expected a JSON object")
        }
        return object
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.keyNotFound(let key, _) = error { return "missing key \"\(key.stringValue)\"" }
        if case DecodingError.typeMismatch(_, let context) = error {
            return "wrong type at \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\""
        }
        return "invalid JSON"
    }
}
