/// The cache module's error: a stable `code` (usable as a metric label) and a human `message`.
public struct CacheError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable short code: `invalid_configuration`, `invalid_threshold`, `invalid_lookup`, `invalid_vector`,
    /// `invalid_filter`, `invalid_update`, `not_found`, `storage`, `embedding` (the embedder failed); on Redis
    /// also `schema_mismatch` and `redis`.
    public let code: String
    /// What is wrong and, where it helps, what to do.
    public let message: String

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// Throws `invalid_threshold` unless `threshold` is a cosine distance, 0...2.
    static func checkThreshold(_ threshold: Double) throws(CacheError) {
        guard threshold.isFinite, (0...2).contains(threshold) else {
            throw CacheError(code: "invalid_threshold", message: "distance threshold must be between 0 and 2 (cosine distance), got \(threshold)")
        }
    }
}
