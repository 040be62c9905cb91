/// Which embedding model a router's references were written for: RedisVL's
/// `vectorizer` entry (`type` is RedisVL's vectorizer kind, `hf` for Hugging Face).
public struct VectorizerDescription: Sendable, Equatable, Codable {
    /// RedisVL vectorizer type, e.g. `hf`.
    public var type: String
    /// Model name, e.g. `sentence-transformers/all-MiniLM-L6-v2`.
    public var model: String

    /// Creates a description.
    public init(type: String = "hf", model: String) {
        self.type = type
        self.model = model
    }
}
