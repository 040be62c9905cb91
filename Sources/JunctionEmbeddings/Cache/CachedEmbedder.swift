import JunctionEncoder
import Synchronization

/// A `TextEmbedder` with the embeddings cache in front: each text is looked up in memory, then on Redis,
/// and only the texts found in neither go to `base`, once each. A text already being embedded for another
/// caller is not sent again: the second caller waits for the first one's answer. So a repeated text is
/// never embedded twice, locally or remotely, while its entry lives.
public final class CachedEmbedder: TextEmbedder {
    /// The embedder behind the cache.
    public let base: any TextEmbedder
    /// The cache, shared with the other embedders of the process.
    public let cache: EmbeddingsCache
    private let inFlight = Mutex<[String: Pending]>([:])

    /// A batch being embedded, and where one text's vector is in its answer.
    private struct Pending {
        var task: Task<[[Float]], any Error>
        var index: Int
    }

    /// `base` behind `cache`.
    public init(base: any TextEmbedder, cache: EmbeddingsCache) {
        self.base = base
        self.cache = cache
    }

    /// The base model's name: the cache keys' model.
    public var modelName: String { base.modelName }
    /// The base model's width.
    public var dimension: Int { base.dimension }

    /// One vector per text, in order, embedding only what the cache does not hold.
    public func vectors(for texts: [String]) async throws -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        let model = base.modelName
        let unique = Array(Set(texts))
        let cached = await cache.lookup(unique, model: model)
        var vectors: [String: [Float]] = [:]
        var missing: [String] = []
        for (text, vector) in zip(unique, cached) {
            if let vector { vectors[text] = vector } else { missing.append(text) }
        }
        if !missing.isEmpty {
            for (text, vector) in try await embedOnce(missing, model: model) { vectors[text] = vector }
        }
        return texts.map { vectors[$0]! }
    }

    /// Embeds `texts`, joining batches already in flight for some of them and starting one for the rest.
    private func embedOnce(_ texts: [String], model: String) async throws -> [(String, [Float])] {
        var joined: [(text: String, pending: Pending)] = []
        var fresh: [String] = []
        let started: Task<[[Float]], any Error>? = inFlight.withLock { map in
            for text in texts {
                if let pending = map[text] { joined.append((text, pending)) } else { fresh.append(text) }
            }
            guard !fresh.isEmpty else { return nil }
            let batch = fresh, base = self.base
            let task = Task { try await base.vectors(for: batch) }
            for (index, text) in batch.enumerated() { map[text] = Pending(task: task, index: index) }
            return task
        }
        var results: [(String, [Float])] = []
        if let started {
            let batch = fresh
            let outcome = await started.result
            inFlight.withLock { map in for text in batch { map[text] = nil } }
            let vectors = try outcome.get()
            guard vectors.count == batch.count else {
                throw EmbeddingsError(code: "invalid_response", message: "\(model) returned \(vectors.count) vectors for \(batch.count) texts")
            }
            await cache.store(batch, vectors, model: model)
            results += zip(batch, vectors).map { ($0, $1) }
        }
        for (text, pending) in joined {
            let vectors = try await pending.task.value
            guard pending.index < vectors.count else {
                throw EmbeddingsError(code: "invalid_response", message: "\(model) returned too few vectors")
            }
            results.append((text, vectors[pending.index]))
        }
        return results
    }
}
