import Foundation
import JunctionEncoder
import JunctionIndex

/// The data of `junction bench cache`: real MiniLM embeddings of the project's intent and cache corpora, and
/// any number of synthetic cache entries around them.
///
/// Entry `i` is `base[a] + w·base[b] + noise` (a, b, w and the noise drawn from a generator seeded by i, the
/// noise of norm about 0.35), so entries form topics with near neighbours at cosine distances of about 0.1,
/// as a cache full of similar questions does: a harder case for an approximate index than uniform noise,
/// and reproducible without embedding a million texts.
struct CacheBenchData {
    /// Real embeddings the entries are built around.
    let base: [[Float]]
    /// Real texts not in `base`, for lookups that embed.
    let queryTexts: [String]
    /// Their embeddings.
    let queryVectors: [[Float]]

    static func load(_ encoder: SentenceEncoder) async throws -> CacheBenchData {
        guard let fixtures = ProjectPaths.fixturesFolder() else {
            throw CLIError("Tests/Fixtures was not found: run junction bench cache from the repository")
        }
        let intents = fixtures.appendingPathComponent("intents")
        let baseTexts = try texts(in: intents.appendingPathComponent("fit.jsonl"), key: "text")
            + texts(in: fixtures.appendingPathComponent("cache/pairs.jsonl"), key: "a")
        let queryTexts = try texts(in: intents.appendingPathComponent("test.jsonl"), key: "text")
            .filter { !Set(baseTexts).contains($0) }
        let progress = ProgressReporter(label: "embedding the corpus", minimumTotal: 100)
        var vectors: [[Float]] = []
        let all = Array(Set(baseTexts)).sorted() + queryTexts
        for start in stride(from: 0, to: all.count, by: 64) {
            vectors += await encoder.vectors(for: Array(all[start..<min(start + 64, all.count)]))
            progress.report(vectors.count, of: all.count)
        }
        let baseCount = Set(baseTexts).count
        return CacheBenchData(base: Array(vectors[..<baseCount]), queryTexts: queryTexts, queryVectors: Array(vectors[baseCount...]))
    }

    private static func texts(in file: URL, key: String) throws -> [String] {
        let text = try String(contentsOf: file, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?[key] as? String
        }
    }

    /// Synthetic entry `i` (not normalised; the cache normalises).
    func entry(_ i: Int) -> [Float] {
        var random = SplitMix64(seed: UInt64(i) &* 0x9E37_79B9 &+ 17)
        let a = base[Int(random.next() % UInt64(base.count))]
        let b = base[Int(random.next() % UInt64(base.count))]
        let weight = Float(random.unit()) * 0.5
        return Self.perturbed((0..<a.count).map { a[$0] + weight * b[$0] }, norm: 0.35, &random)
    }

    /// A paraphrase of `vector`: a step of relative norm 0.2 (cosine distance about 0.02).
    func paraphrase(of vector: [Float], seed: Int) -> [Float] {
        var random = SplitMix64(seed: UInt64(seed) &+ 0xABCDEF)
        let length = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return Self.perturbed(vector.map { $0 / length }, norm: 0.2, &random)
    }

    /// `vector` plus uniform noise whose expected norm is `norm`.
    private static func perturbed(_ vector: [Float], norm: Float, _ random: inout SplitMix64) -> [Float] {
        // Uniform on [-h, h] has variance h²/3: h = norm·√(3/d) gives an expected squared norm of norm².
        let half = norm * (3 / Float(vector.count)).squareRoot()
        return vector.map { $0 + half * (2 * Float(random.unit()) - 1) }
    }
}
