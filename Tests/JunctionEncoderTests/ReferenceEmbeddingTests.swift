import Foundation
import JunctionEncoder
import Testing

/// all-MiniLM-L6-v2 against sentence-transformers' own output for 60 sentences.
@Suite struct ReferenceEmbeddingTests {
    struct Entry {
        var text: String
        var ids: [Int32]
        var embedding: [Float]
    }

    static let entries: [Entry] = {
        guard let reference = try? Fixtures.json(Fixtures.minilmReference),
              let list = reference["entries"] as? [[String: Any]]
        else { return [] }
        return list.map { entry in
            Entry(
                text: entry["text"] as? String ?? "",
                ids: (entry["input_ids"] as? [Int] ?? []).map(Int32.init),
                embedding: (entry["embedding"] as? [Double] ?? []).map(Float.init)
            )
        }
    }()

    static let encoder: SentenceEncoder? = try? SentenceEncoder(directory: Fixtures.minilmDirectory())

    @Test func fixtureHasSixtySentences() {
        #expect(Self.entries.count == 60)
    }

    @Test func modelShapeMatchesSentenceTransformers() throws {
        let encoder = try #require(Self.encoder)
        #expect(encoder.dimension == 384)
        #expect(encoder.maxSequenceLength == 256)
        #expect(encoder.pooling == .mean)
    }

    @Test func everySentenceMatchesOneAtATime() throws {
        let encoder = try #require(Self.encoder)
        for entry in Self.entries {
            #expect(encoder.tokenizer.encode(entry.text).ids == entry.ids, "token ids of \(entry.text.debugDescription)")
            let embedding = encoder.encode([entry.text])[0]
            #expect(embedding.tokenCount == entry.ids.count)
            let (difference, cosine) = compare(embedding.vector, entry.embedding)
            #expect(difference <= 1e-4, "max difference \(difference) for \(entry.text.debugDescription)")
            #expect(cosine >= 0.9999, "cosine \(cosine) for \(entry.text.debugDescription)")
        }
    }

    @Test func batchedEncodingMatchesSingleEncoding() throws {
        let encoder = try #require(Self.encoder)
        let texts = Self.entries.map(\.text)
        let batched = encoder.encode(texts)
        for (entry, embedding) in zip(Self.entries, batched) {
            let (difference, _) = compare(embedding.vector, entry.embedding)
            #expect(difference <= 1e-4, "batched max difference \(difference) for \(entry.text.debugDescription)")
        }
    }

    /// More than 256 packed tokens take the CBLAS path instead of the packed kernel.
    @Test func largeBatchesMatchToo() throws {
        let encoder = try #require(Self.encoder)
        let texts = Array(repeating: Self.entries.map(\.text), count: 4).flatMap { $0 }
        let total = texts.reduce(0) { $0 + encoder.tokenizer.encode($1).count }
        #expect(total > 256)
        for (index, embedding) in encoder.encode(texts).enumerated() {
            let entry = Self.entries[index % Self.entries.count]
            #expect(compare(embedding.vector, entry.embedding).maxDifference <= 1e-4)
        }
    }

    @Test func concurrentCallersGetTheirOwnResults() async throws {
        let encoder = try #require(Self.encoder)
        let entries = Self.entries
        let worst = await withTaskGroup(of: Float.self) { group in
            for index in 0..<48 {
                group.addTask {
                    let entry = entries[(index * 7) % entries.count]
                    let result = await encoder.embed([entry.text])
                    return compare(result[0].vector, entry.embedding).maxDifference
                }
            }
            return await group.reduce(0) { max($0, $1) }
        }
        #expect(worst <= 1e-4)
    }

    @Test func longTextsAreTruncatedAtMaxSequenceLength() throws {
        let encoder = try #require(Self.encoder)
        let text = Array(repeating: "semantic routing", count: 400).joined(separator: " ")
        let embedding = encoder.encode([text])[0]
        #expect(embedding.tokenCount == 256)
        let norm = embedding.vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(norm - 1) < 1e-5)
    }

    @Test func emptyInputGivesNoEmbeddings() async throws {
        let encoder = try #require(Self.encoder)
        #expect(encoder.encode([]).isEmpty)
        #expect(await encoder.embed([]).isEmpty)
    }
}
