import JunctionJSON

/// Content hashes used as ids and cache keys, as RedisVL computes them.
public enum ReferenceID {
    /// `sha256hex(text utf-8)`: a reference's `reference_id`.
    public static func of(_ text: String) -> String {
        Hashify.sha256Hex(text)
    }

    /// `sha256hex(text + ":" + model)`: RedisVL's embeddings-cache key for `text` under `model`.
    public static func embeddingKey(_ text: String, model: String) -> String {
        of(text + ":" + model)
    }
}
