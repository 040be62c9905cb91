import Foundation
import JunctionEncoder
import Testing

/// Small random BERT models of other shapes, made with `transformers` by
/// `scripts/fixtures/make_tiny_berts.py`, against sentence-transformers' output.
@Suite struct TinyModelTests {
    static let variants = [
        "mean-uncased-f32", "cls-cased-f32", "mean-uncased-f16", "mean-uncased-bf16", "cls-uncased-noaccentstrip",
    ]

    @Test(arguments: variants)
    func matchesSentenceTransformers(variant: String) throws {
        let directory = Fixtures.tinyModels.appendingPathComponent(variant)
        let expected = try Fixtures.json(directory.appendingPathComponent("expected.json"))
        let cases = try #require(expected["cases"] as? [[String: Any]])
        let encoder = try SentenceEncoder(directory: directory)
        let description = try #require(expected["description"] as? [String: Any])
        #expect(encoder.maxSequenceLength == description["max_seq_length"] as? Int)
        #expect(encoder.configuration.layerCount == description["layers"] as? Int)
        #expect(encoder.pooling.rawValue == description["pooling"] as? String)
        #expect(cases.count >= 10)
        for item in cases {
            let text = try #require(item["text"] as? String)
            let ids = try #require(item["input_ids"] as? [Int]).map(Int32.init)
            let reference = try #require(item["embedding"] as? [Double]).map(Float.init)
            #expect(encoder.tokenizer.encode(text).ids == ids, "\(variant): token ids of \(text.debugDescription)")
            let (difference, _) = compare(encoder.encode([text])[0].vector, reference)
            #expect(difference <= 1e-5, "\(variant): max difference \(difference) for \(text.debugDescription)")
        }
    }
}
