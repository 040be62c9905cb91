import Foundation
import JunctionJSON
import JunctionRedis

/// RedisVL's `EmbeddingsCache` layout, checked against redisvl 0.28 with `MONITOR`
/// (`Tests/Fixtures/redisvl/embeddings-cache-monitor.txt`):
///
/// - key `{name}:{sha256hex(text + ":" + model)}` (`hashify(f"{content}:{model_name}")`);
/// - a hash written by `HSET` with `entry_id`, `content`, `model_name`, `embedding` (the vector as
///   `json.dumps` writes a list of floats), `inserted_at` (epoch seconds as Python prints a float) and,
///   when given, `metadata` (JSON); then `EXPIRE key ttl` when the cache has a TTL;
/// - a read is `HGETALL`, and a hit refreshes the TTL with `EXPIRE`.
struct EmbeddingsCacheLayout: Sendable {
    /// The cache's name, the keys' prefix.
    let name: String

    /// `hashify(f"{text}:{model}")`.
    static func entryID(text: String, model: String) -> String {
        Hashify.sha256Hex(text + ":" + model)
    }

    /// `{name}:{entryID}`.
    func key(text: String, model: String) -> String {
        name + ":" + Self.entryID(text: text, model: model)
    }

    /// The `HSET` RedisVL's `set` sends, without metadata.
    func storeCommand(text: String, model: String, vector: [Float], insertedAt: Double) -> [RESPCommandArgument] {
        let id = Self.entryID(text: text, model: model)
        return [
            "HSET", .string(name + ":" + id), "entry_id", .string(id), "content", .string(text),
            "model_name", .string(model), "embedding", .string(Self.embeddingText(vector)),
            "inserted_at", .string(PythonJSON.float(insertedAt)),
        ]
    }

    /// `EXPIRE key seconds`.
    static func expireCommand(key: String, seconds: Int) -> [RESPCommandArgument] {
        ["EXPIRE", .string(key), .string(String(seconds))]
    }

    /// `json.dumps(list_of_floats)`: each float32 widened to a double and printed as Python's `repr`.
    static func embeddingText(_ vector: [Float]) -> String {
        var text = "["
        text.reserveCapacity(vector.count * 22)
        for (index, value) in vector.enumerated() {
            if index > 0 { text += ", " }
            text += PythonJSON.float(Double(value))
        }
        return text + "]"
    }

    /// The vector of an `HGETALL` reply, when it is the entry of `text` and `model`; nil for a missing key,
    /// another entry, or an embedding that is not a JSON list of numbers.
    static func vector(fromHash reply: RESPValue, text: String, model: String) -> [Float]? {
        guard let pairs = reply.keyValuePairs, !pairs.isEmpty else { return nil }
        var fields: [String: String] = [:]
        for pair in pairs { if let value = pair.value.text { fields[pair.key] = value } }
        guard fields["content"] == text, fields["model_name"] == model, let embedding = fields["embedding"],
              let numbers = (try? JSONSerialization.jsonObject(with: Data(embedding.utf8))) as? [NSNumber], !numbers.isEmpty
        else { return nil }
        return numbers.map(\.floatValue)
    }
}
