import Foundation
@testable import JunctionEncoder
import Testing

/// all-mpnet-base-v2 (RedisVL's default model) against sentence-transformers' own output for the 60
/// sentences of the MiniLM reference and MPNet's own cases (its special tokens in the text, texts past 256
/// and 384 tokens).
@Suite struct MPNetReferenceTests {
    struct Entry {
        var text: String
        var ids: [Int32]
        var embedding: [Float]
    }

    /// torch's bucket of each offset from -511 to 511.
    static let buckets: [Int] = {
        let table = (try? Fixtures.json(Fixtures.mpnetReference))?["relative_position_buckets"] as? [String: Any]
        return table?["buckets"] as? [Int] ?? []
    }()

    static let entries: [Entry] = ((try? Fixtures.json(Fixtures.mpnetReference))?["entries"] as? [[String: Any]] ?? []).map { entry in
        Entry(
            text: entry["text"] as? String ?? "",
            ids: (entry["input_ids"] as? [Int] ?? []).map(Int32.init),
            embedding: (entry["embedding"] as? [Double] ?? []).map(Float.init)
        )
    }

    static let encoder: SentenceEncoder? = try? SentenceEncoder(
        directory: Fixtures.mpnetDirectory(), name: "sentence-transformers/all-mpnet-base-v2"
    )

    @Test func fixtureHasAtLeastSixtyVariedSentences() {
        #expect(Self.entries.count >= 60)
        #expect(Self.entries.contains { $0.ids.count == 384 }, "one text is truncated at max_seq_length")
        #expect(Self.entries.contains { $0.ids.dropFirst().dropLast().contains(1) }, "one text holds <pad> itself")
    }

    @Test func modelShapeMatchesSentenceTransformers() throws {
        let encoder = try #require(Self.encoder)
        #expect(encoder.configuration.architecture == .mpnet)
        #expect(encoder.dimension == 768)
        #expect(encoder.configuration.layerCount == 12)
        #expect(encoder.maxSequenceLength == 384)
        #expect(encoder.pooling == .mean)
        #expect(encoder.modelName == "sentence-transformers/all-mpnet-base-v2")
    }

    @Test func relativePositionBucketsAreTorchs() throws {
        #expect(Self.buckets.count == 1023)
        for (index, expected) in Self.buckets.enumerated() {
            let offset = index - 511
            #expect(RelativePositionBias.bucket(offset: offset, buckets: 32) == expected, "offset \(offset)")
        }
    }

    @Test func everySentenceMatchesOneAtATime() throws {
        let encoder = try #require(Self.encoder)
        for entry in Self.entries {
            #expect(encoder.tokenizer.encode(entry.text).ids == entry.ids, "token ids of \(entry.text.prefix(80).debugDescription)")
            let embedding = encoder.encode([entry.text])[0]
            #expect(embedding.tokenCount == entry.ids.count)
            let (difference, cosine) = compare(embedding.vector, entry.embedding)
            #expect(difference <= 1e-4, "max difference \(difference) for \(entry.text.prefix(80).debugDescription)")
            #expect(cosine >= 0.9999, "cosine \(cosine) for \(entry.text.prefix(80).debugDescription)")
        }
    }

    /// One packed batch: sequences of every length side by side, more than 256 rows (the CBLAS path).
    @Test func batchedEncodingMatchesToo() throws {
        let encoder = try #require(Self.encoder)
        let batched = encoder.encode(Self.entries.map(\.text))
        for (entry, embedding) in zip(Self.entries, batched) {
            let (difference, _) = compare(embedding.vector, entry.embedding)
            #expect(difference <= 1e-4, "batched max difference \(difference) for \(entry.text.prefix(80).debugDescription)")
        }
    }

    @Test func tokenStatesPoolToTheEmbedding() async throws {
        let encoder = try #require(Self.encoder)
        let text = Self.entries[8].text
        let encoded = try #require(await encoder.encodeWithStates([text]).first)
        #expect(encoded.tokenStates.count == encoded.tokens.count * 768)
        // Micro-batching may pack other tests' texts beside this one, which changes float rounding only.
        let plain = encoder.encode([text])[0]
        #expect(encoded.embedding.tokenCount == plain.tokenCount)
        let difference = zip(encoded.embedding.vector, plain.vector).map { abs($0 - $1) }.max() ?? 1
        #expect(difference < 1e-5, "embedding differs by \(difference)")
    }
}
