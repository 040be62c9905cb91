import AsyncHTTPClient
import JunctionEncoder
import Logging
import NIOCore
import NIOHTTP1

/// A `TextEmbedder` that calls a provider's embeddings API (OpenAI or Azure OpenAI, see
/// `RemoteEmbeddingsConfiguration`): texts go in batches of `batchSize`, each attempt has a deadline, and
/// connection errors, timeouts, 429 and 5xx are retried with backoff. Other answers (401, 404, 400 ...)
/// fail at once with the provider's message. Every vector must have the model's width.
public final class RemoteEmbedder: TextEmbedder {
    /// The model as the vectorizer names it (`text-embedding-3-small`; on Azure, the deployment's model name).
    public let modelName: String
    /// Width of the vectors.
    public let dimension: Int
    let endpoint: EmbeddingsEndpoint
    let configuration: RemoteEmbeddingsConfiguration
    let client: HTTPClient
    let logger: Logger

    init(model: String, dimension: Int, configuration: RemoteEmbeddingsConfiguration, client: HTTPClient, logger: Logger) {
        modelName = model
        self.dimension = dimension
        self.configuration = configuration
        self.client = client
        self.logger = logger
        endpoint = EmbeddingsEndpoint(configuration: configuration, model: model)
    }

    /// Widths of the models whose width Junction knows without asking.
    static let knownDimensions = [
        "text-embedding-3-small": 1536, "text-embedding-3-large": 3072, "text-embedding-ada-002": 1536,
    ]

    /// One vector per text, in order; throws `EmbeddingsError` when a batch fails after its retries.
    public func vectors(for texts: [String]) async throws -> [[Float]] {
        var vectors: [[Float]] = []
        vectors.reserveCapacity(texts.count)
        for start in stride(from: 0, to: texts.count, by: configuration.batchSize) {
            let batch = Array(texts[start..<min(start + configuration.batchSize, texts.count)])
            let embedded = try await Self.embed(batch, endpoint: endpoint, configuration: configuration, client: client, logger: logger)
            if let wrong = embedded.first(where: { $0.count != dimension }) {
                throw EmbeddingsError(
                    code: "invalid_response",
                    message: "\(configuration.provider.rawValue) embeddings: model \(modelName) answered \(wrong.count)-d vectors, expected \(dimension)-d"
                )
            }
            vectors += embedded
        }
        return vectors
    }

    /// Embeds one batch, retrying what is worth retrying.
    static func embed(
        _ texts: [String], endpoint: EmbeddingsEndpoint, configuration: RemoteEmbeddingsConfiguration,
        client: HTTPClient, logger: Logger
    ) async throws(EmbeddingsError) -> [[Float]] {
        let provider = configuration.provider.rawValue
        let backoff = RetryBackoff(baseMilliseconds: configuration.retryBackoffMilliseconds)
        var last = EmbeddingsError(code: "provider_unreachable", message: "\(provider) embeddings: no attempt was made")
        for attempt in 0...configuration.retries {
            var wait: Duration?
            switch await attemptOnce(texts, endpoint: endpoint, configuration: configuration, client: client, logger: logger) {
            case .success(let vectors):
                EmbeddingsMetrics.request(provider: provider, outcome: "ok")
                return vectors
            case .failure(let failure):
                EmbeddingsMetrics.request(provider: provider, outcome: failure.metricOutcome)
                guard failure.retryable else { throw failure.error }
                last = failure.error
                wait = failure.retryAfter
            }
            if attempt < configuration.retries {
                logger.warning(
                    "embeddings attempt failed",
                    metadata: ["provider": "\(provider)", "model": "\(endpoint.model)", "attempt": "\(attempt + 1)", "code": "\(last.code)"]
                )
                try? await Task.sleep(for: wait ?? backoff.delay(beforeRetry: attempt))
            }
        }
        let tries = configuration.retries + 1
        throw EmbeddingsError(code: last.code, message: last.message + " (after \(tries) attempt\(tries == 1 ? "" : "s"))", status: last.status)
    }

    /// Why one attempt failed, and whether to try again.
    struct AttemptFailure: Error {
        var error: EmbeddingsError
        var retryable: Bool
        var retryAfter: Duration?

        var metricOutcome: String {
            error.status.map(String.init) ?? (error.code == "provider_timeout" ? "timeout" : error.code == "provider_unreachable" ? "connect" : "invalid")
        }
    }

    private static func attemptOnce(
        _ texts: [String], endpoint: EmbeddingsEndpoint, configuration: RemoteEmbeddingsConfiguration,
        client: HTTPClient, logger: Logger
    ) async -> Result<[[Float]], AttemptFailure> {
        let provider = configuration.provider.rawValue
        var request = HTTPClientRequest(url: endpoint.url)
        request.method = .POST
        for (name, value) in endpoint.headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: endpoint.body(for: texts)))
        let deadline = TimeAmount.milliseconds(Int64(configuration.timeoutSeconds * 1000))
        let body: ByteBuffer
        let status: Int
        let retryAfter: Duration?
        do {
            let response = try await client.execute(request, timeout: deadline, logger: logger)
            status = Int(response.status.code)
            retryAfter = response.headers.first(name: "retry-after").flatMap(Double.init).map { .milliseconds(Int(min($0, 30) * 1000)) }
            body = try await response.body.collect(upTo: 64 << 20)
        } catch {
            let timedOut = Self.isTimeout(error)
            let code = timedOut ? "provider_timeout" : "provider_unreachable"
            let what = timedOut ? "timed out after \(configuration.timeoutSeconds) s" : "could not be reached (\(Self.reason(error)))"
            return .failure(AttemptFailure(
                error: EmbeddingsError(code: code, message: "\(provider) embeddings at \(endpoint.url) \(what)"),
                retryable: true, retryAfter: nil
            ))
        }
        let bytes = Array(body.readableBytesView)
        guard status == 200 else {
            let detail = EmbeddingsResponse.errorMessage(bytes).map { ": \($0)" } ?? ""
            let hint = status == 401 || status == 403 ? " (check the API key)" : status == 404 ? " (check the model or deployment name and the URL)" : ""
            return .failure(AttemptFailure(
                error: EmbeddingsError(
                    code: "provider_error",
                    message: "\(provider) embeddings for model \(endpoint.model) answered \(status)\(detail)\(hint)", status: status
                ),
                retryable: status == 429 || status >= 500, retryAfter: retryAfter
            ))
        }
        do {
            return .success(try EmbeddingsResponse.vectors(bytes, count: texts.count, provider: provider))
        } catch {
            return .failure(AttemptFailure(error: error, retryable: false, retryAfter: nil))
        }
    }

    static func isTimeout(_ error: any Error) -> Bool {
        if let error = error as? HTTPClientError {
            return error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout
        }
        let text = String(describing: error)
        return text.localizedCaseInsensitiveContains("timeout") || text.localizedCaseInsensitiveContains("timed out")
    }

    static func reason(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("refused") { return "connection refused" }
        if let error = error as? HTTPClientError, error == .remoteConnectionClosed { return "connection closed" }
        return "connection failed"
    }
}
