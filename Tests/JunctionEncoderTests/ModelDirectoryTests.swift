import Foundation
import JunctionEncoder
import Testing

/// A clear error naming the file or the setting, for every directory Junction cannot run.
@Suite struct ModelDirectoryTests {
    static let sample = Fixtures.tinyModels.appendingPathComponent("mean-uncased-f32")

    func loadError(_ change: (URL) throws -> Void) throws -> EncoderError {
        let copy = try Fixtures.temporaryCopy(of: Self.sample)
        defer { try? FileManager.default.removeItem(at: copy) }
        try change(copy)
        return try #require(throws: EncoderError.self) { try SentenceEncoder(directory: copy) }
    }

    func edit(_ file: URL, _ transform: (inout [String: Any]) -> Void) throws {
        var object = try Fixtures.json(file)
        transform(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: file)
    }

    @Test func missingDirectory() {
        let error = #expect(throws: EncoderError.self) { try SentenceEncoder(directory: URL(fileURLWithPath: "/no/such/model")) }
        #expect(error?.message.contains("/no/such/model") == true)
    }

    @Test func missingConfig() throws {
        let error = try loadError { try FileManager.default.removeItem(at: $0.appendingPathComponent("config.json")) }
        #expect(error.code == "missing_file")
        #expect(error.message.contains("config.json"))
    }

    @Test func missingWeightsSaysWhichFormatIsThere() throws {
        let error = try loadError {
            try FileManager.default.moveItem(at: $0.appendingPathComponent("model.safetensors"), to: $0.appendingPathComponent("pytorch_model.bin"))
        }
        #expect(error.code == "missing_file")
        #expect(error.message.contains("model.safetensors"))
        #expect(error.message.contains("pytorch_model.bin"))
    }

    @Test func missingTokenizerFiles() throws {
        let error = try loadError {
            try? FileManager.default.removeItem(at: $0.appendingPathComponent("tokenizer.json"))
            try FileManager.default.removeItem(at: $0.appendingPathComponent("vocab.txt"))
        }
        #expect(error.message.contains("vocab.txt") || error.message.contains("tokenizer.json"))
    }

    @Test func unsupportedArchitecture() throws {
        let error = try loadError { try edit($0.appendingPathComponent("config.json")) { $0["model_type"] = "roberta" } }
        #expect(error.code == "unsupported_architecture")
        #expect(error.message.contains("roberta"))
        #expect(error.message.contains("bert, mpnet"), "the message says which architectures Junction runs")
    }

    /// A BERT checkpoint whose config.json says mpnet is read as MPNet, and its BERT tensor names are missing.
    @Test func architectureComesFromModelType() throws {
        let error = try loadError { try edit($0.appendingPathComponent("config.json")) { $0["model_type"] = "mpnet" } }
        #expect(error.code == "missing_tensor")
        #expect(error.message.contains("relative_attention_bias") || error.message.contains("attention.attn"))
    }

    @Test func unsupportedActivation() throws {
        let error = try loadError { try edit($0.appendingPathComponent("config.json")) { $0["hidden_act"] = "swish" } }
        #expect(error.message.contains("swish"))
    }

    @Test func weightsThatDoNotMatchTheConfig() throws {
        let error = try loadError { try edit($0.appendingPathComponent("config.json")) { $0["hidden_size"] = 128 } }
        #expect(error.code == "tensor_shape")
        #expect(error.message.contains("embeddings.word_embeddings.weight"))
    }

    @Test func concatenatedPoolingIsRefused() throws {
        let error = try loadError {
            try edit($0.appendingPathComponent("1_Pooling/config.json")) { $0["pooling_mode_max_tokens"] = true }
        }
        #expect(error.message.contains("pooling"))
    }

    @Test func newSentenceTransformersLayoutLoads() throws {
        let copy = try Fixtures.temporaryCopy(of: Self.sample)
        defer { try? FileManager.default.removeItem(at: copy) }
        try JSONSerialization.data(withJSONObject: ["embedding_dimension": 64, "pooling_mode": "cls", "include_prompt": true])
            .write(to: copy.appendingPathComponent("1_Pooling/config.json"))
        try FileManager.default.removeItem(at: copy.appendingPathComponent("sentence_bert_config.json"))
        let encoder = try SentenceEncoder(directory: copy)
        #expect(encoder.pooling == .cls)
        #expect(encoder.maxSequenceLength == 64)
    }
}
