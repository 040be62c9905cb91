import Metrics

/// The embeddings module's metrics (swift-metrics; the executable bootstraps Prometheus). Labels are
/// bounded: providers, configured model names and fixed outcomes.
enum EmbeddingsMetrics {
    /// `junction_embeddings_requests_total{provider, outcome}`: requests to a provider's embeddings API by
    /// outcome (`ok`, an HTTP status, `timeout`, `connect`, `invalid`).
    static func request(provider: String, outcome: String) {
        Counter(label: "junction_embeddings_requests_total", dimensions: [("provider", provider), ("outcome", outcome)]).increment()
    }

    /// `junction_embeddings_cache_lookups_total{model, result}`: texts looked up in the embeddings cache, by
    /// where they were found (`memory`, `redis`) or `miss` (embedded).
    static func cacheLookups(model: String, result: String, count: Int) {
        guard count > 0 else { return }
        Counter(label: "junction_embeddings_cache_lookups_total", dimensions: [("model", model), ("result", result)]).increment(by: count)
    }
}
