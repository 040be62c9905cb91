import Foundation
import JunctionCache
import JunctionEncoder
import JunctionIndex
import JunctionRedis

/// The Redis part of `junction bench cache`: 10,000 entries in Junction's `RedisSemanticCache` and in
/// RedisVL's `SemanticCache` (scripts/bench/cache_peer.py) on one Redis started by scripts/redis, the same
/// vectors and lookups on both sides.
struct CacheBenchRedis {
    static let size = 10_000
    let encoder: SentenceEncoder
    let data: CacheBenchData
    let queries: Int
    let rounds: Int
    let server: RedisScript

    init(encoder: SentenceEncoder, data: CacheBenchData, queries: Int, rounds: Int) throws {
        self.encoder = encoder
        self.data = data
        self.queries = queries
        self.rounds = rounds
        server = try RedisScript.start()
    }

    var url: String { server.url }

    /// Junction's figures, RedisVL's, and the peer's name; stops the server.
    func run() async throws -> (CacheBenchFigures, CacheBenchFigures, String) {
        defer { server.stop() }
        let vectors = (0..<Self.size).map(data.entry)
        var random = SplitMix64(seed: 42)
        let paraphrases = (0..<queries).map { data.paraphrase(of: vectors[Int(random.next() % UInt64(Self.size))], seed: $0) }
        let texts = (0..<queries).map { data.queryTexts[$0 % data.queryTexts.count] }
        let ours = try await measureJunction(vectors: vectors, paraphrases: paraphrases, texts: texts)
        let (theirs, name) = try runPeer(vectors: vectors, paraphrases: paraphrases, texts: texts)
        return (ours, theirs, name)
    }

    private func measureJunction(vectors: [[Float]], paraphrases: [[Float]], texts: [String]) async throws -> CacheBenchFigures {
        var configuration = try RedisConfiguration(url: server.url)
        configuration.poolSize = 1
        let client = RedisClient(configuration: configuration)
        try await client.connect()
        do {
            let figures = try await measureJunction(client, vectors: vectors, paraphrases: paraphrases, texts: texts)
            await client.close()
            return figures
        } catch {
            await client.close()
            throw error
        }
    }

    private func measureJunction(_ client: RedisClient, vectors: [[Float]], paraphrases: [[Float]], texts: [String]) async throws -> CacheBenchFigures {
        let cache = try await RedisSemanticCache.create(
            configuration: CacheConfiguration(name: "bench-cache-junction", filterableFields: []), client: client, embedder: encoder, overwrite: true
        )
        let progress = ProgressReporter(label: "Redis 10k: storing (Junction)", minimumTotal: 1_000)
        for (i, vector) in vectors.enumerated() {
            try await cache.store(CacheWrite(prompt: "entry \(i)", response: "answer \(i)", vector: vector))
            if i % 2_000 == 1_999 { progress.report(i + 1, of: vectors.count) }
        }
        var results: [CacheBenchFigures] = []
        for round in 1...rounds {
            Terminal.log("Redis 10k: round \(round)/\(rounds): Junction")
            results.append(CacheBenchFigures(
                vector: try await BenchCacheCommand.time(paraphrases) { _ = try await cache.check(CacheLookup(vector: $0)) },
                text: try await BenchCacheCommand.time(texts) { _ = try await cache.check(CacheLookup(prompt: $0)) }
            ))
        }
        try await cache.delete()
        return CacheBenchFigures.median(results)
    }

    private func runPeer(vectors: [[Float]], paraphrases: [[Float]], texts: [String]) throws -> (CacheBenchFigures, String) {
        Terminal.log("Redis 10k: RedisVL (\(rounds) passes over the lookups)")
        let peer = try PythonPeer(script: "bench/cache_peer.py")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("junction-bench-cache-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try NumpyFile.write(vectors, to: folder.appendingPathComponent("entries.npy"))
        try NumpyFile.write(paraphrases, to: folder.appendingPathComponent("queries.npy"))
        let entries = ["prompts": (0..<vectors.count).map { "entry \($0)" }, "responses": (0..<vectors.count).map { "answer \($0)" }, "vectors_file": "entries.npy"] as [String: Any]
        try JSONSerialization.data(withJSONObject: entries).write(to: folder.appendingPathComponent("entries.json"))
        try JSONSerialization.data(withJSONObject: ["prompts": texts, "vectors_file": "queries.npy"] as [String: Any])
            .write(to: folder.appendingPathComponent("queries.json"))
        let model = try encoderOptionsModelPath()
        let output = try peer.run([
            "--redis-url", server.url, "--name", "bench-cache-redisvl", "--model", model,
            "--entries-file", folder.appendingPathComponent("entries.json").path,
            "--queries-file", folder.appendingPathComponent("queries.json").path, "--iterations", "\(rounds)",
        ])
        guard let object = try? JSONSerialization.jsonObject(with: output) as? [String: Any],
              let vector = object["check_vector"] as? [String: Any], let text = object["check_text"] as? [String: Any],
              let vectorP50 = vector["p50_us"] as? Double, let vectorP99 = vector["p99_us"] as? Double,
              let textP50 = text["p50_us"] as? Double, let textP99 = text["p99_us"] as? Double
        else { throw CLIError("cache_peer.py printed no result: \(String(decoding: output, as: UTF8.self).prefix(300))") }
        let figures = CacheBenchFigures(
            vector: LatencySummary(p50: vectorP50 / 1000, p99: vectorP99 / 1000),
            text: LatencySummary(p50: textP50 / 1000, p99: textP99 / 1000)
        )
        return (figures, object["peer"] as? String ?? "RedisVL")
    }

    /// The model folder the peer embeds with: the encoder's own.
    private func encoderOptionsModelPath() throws -> String {
        try ProcessInfo.processInfo.environment["JUNCTION_MODEL"] ?? ProjectPaths.defaultModel().path
    }
}

/// Writes float32 matrices in NumPy's `.npy` format (version 1.0), for the Python peers.
enum NumpyFile {
    static func write(_ rows: [[Float]], to url: URL) throws {
        let columns = rows.first?.count ?? 0
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows.count), \(columns)), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        data.reserveCapacity(data.count + rows.count * columns * 4)
        for row in rows {
            row.withUnsafeBufferPointer { data.append(UnsafeBufferPointer(start: UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: UInt8.self), count: $0.count * 4)) }
        }
        try data.write(to: url)
    }
}
