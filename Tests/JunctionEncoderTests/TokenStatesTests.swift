import JunctionEncoder
import Testing

/// One forward pass serves the sentence vector and the token-level heads: `encodeWithStates` returns the
/// same embedding as `embed` plus the last layer's token states.
@Suite struct TokenStatesTests {
    @Test func statesComeWithTheSameEmbedding() async throws {
        let encoder = try #require(ReferenceEmbeddingTests.encoder)
        let texts = ["My name is Ada Lovelace and I live in London.", "hi", "What is the limit for card 4454794511390933?"]
        let plain = await encoder.embed(texts)
        let encoded = await encoder.encodeWithStates(texts)
        #expect(encoded.count == texts.count)
        for (index, item) in encoded.enumerated() {
            // Micro-batching may pack other tests' texts beside these, which changes float rounding only.
            #expect(item.embedding.tokenCount == plain[index].tokenCount)
            let difference = zip(item.embedding.vector, plain[index].vector).map { abs($0 - $1) }.max() ?? 1
            #expect(difference < 1e-5, "embedding of \(texts[index].debugDescription) differs by \(difference)")
            #expect(item.tokens.ids == encoder.tokenizer.encode(texts[index]).ids)
            #expect(item.tokenStates.count == item.tokens.count * encoder.dimension)
        }
    }

    @Test func meanOfTheStatesIsTheSentenceVector() async throws {
        let encoder = try #require(ReferenceEmbeddingTests.encoder)
        let item = try #require(await encoder.encodeWithStates(["Mean pooling reads these very states."]).first)
        let h = encoder.dimension, rows = item.tokens.count
        var mean = [Float](repeating: 0, count: h)
        for row in 0..<rows {
            for i in 0..<h { mean[i] += item.tokenStates[row * h + i] / Float(rows) }
        }
        let norm = mean.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for i in 0..<h {
            #expect(abs(mean[i] / norm - item.embedding.vector[i]) < 1e-5)
        }
    }
}
