import Foundation

/// The files of a Hugging Face sentence-transformers directory (BERT or MPNet), read and
/// checked: `config.json`, `model.safetensors`, the tokenizer files,
/// `sentence_bert_config.json` and the pooling config (found through
/// `modules.json`, else `1_Pooling/`).
struct ModelDirectory {
    let url: URL
    /// The architecture `config.json`'s `model_type` names, with its configuration.
    let architecture: Architecture
    let pooling: Pooling
    /// `max_seq_length` of `sentence_bert_config.json`, else the tokenizer's
    /// `model_max_length`, else the position table size.
    let maxSequenceLength: Int

    /// The architectures Junction runs, each with its own `config.json` reading.
    enum Architecture {
        case bert(BertConfiguration)
        case mpnet(MPNetConfiguration)

        /// The shape every architecture reports.
        var transformer: TransformerConfiguration {
            switch self {
            case .bert(let config): config.transformer
            case .mpnet(let config): config.transformer
            }
        }
    }

    init(url: URL) throws(EncoderError) {
        self.url = url
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw EncoderError.missingFile(url.path, "no such model directory")
        }
        let configPath = url.appendingPathComponent("config.json").path
        architecture = try Self.architecture(try Self.read(configPath, why: "every Hugging Face model directory has one"), path: configPath)
        let config = architecture.transformer

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

    /// The model's shape.
    var transformer: TransformerConfiguration { architecture.transformer }

    /// Maps the weights and builds the forward pass of the directory's architecture.
    func loadModel(precision: EncoderPrecision = .fp32) throws(EncoderError) -> any EncoderModel {
        let file = try SafeTensorsFile(path: try weightsPath)
        switch architecture {
        case .bert(let config): return BertModel(config: config, weights: try BertWeights(file: file, config: config, precision: precision))
        case .mpnet(let config): return MPNetModel(config: config, weights: try MPNetWeights(file: file, config: config, precision: precision))
        }
    }

    /// Decodes `config.json` as the architecture its `model_type` names (`bert` when it names none).
    private static func architecture(_ data: Data, path: String) throws(EncoderError) -> Architecture {
        struct ModelType: Decodable {
            var modelType: String?
            enum CodingKeys: String, CodingKey { case modelType = "model_type" }
        }
        let type: String?
        do {
            type = try JSONDecoder().decode(ModelType.self, from: data).modelType
        } catch {
            throw EncoderError.invalidFile(path, "not a JSON object with a string model_type (\(describe(error)))")
        }
        do {
            switch type ?? ModelArchitecture.bert.rawValue {
            case ModelArchitecture.bert.rawValue:
                let config = try JSONDecoder().decode(BertConfiguration.self, from: data)
                try config.validate(path: path)
                return .bert(config)
            case ModelArchitecture.mpnet.rawValue:
                let config = try JSONDecoder().decode(MPNetConfiguration.self, from: data)
                try config.validate(path: path)
                return .mpnet(config)
            case let other:
                let known = ModelArchitecture.allCases.map(\.rawValue).joined(separator: ", ")
                throw EncoderError.unsupported(path, "model_type \"\(other)\" is an architecture Junction does not run (it runs \(known))")
            }
        } catch let error as EncoderError {
            throw error
        } catch {
            throw EncoderError.unsupported(path, "not a \(type ?? "bert") config.json (\(describe(error)))")
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
