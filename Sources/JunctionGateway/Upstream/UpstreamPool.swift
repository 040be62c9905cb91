import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// The configured upstreams behind one shared HTTP client (connection pooling, keep-alive): picks the
/// upstream that serves a model, sends a chat request with the model rewritten to the upstream's name, and
/// retries with backoff and falls back to the next upstreams on connect errors, timeouts, 429 and 5xx.
final class UpstreamPool: Sendable {
    /// An upstream's answer, head received: a success, or a client error of the upstream's own (4xx but
    /// 429) that is passed to the client as it is.
    struct Reply: Sendable {
        /// The upstream that answered.
        var upstream: String
        var status: Int
        var headers: HTTPHeaders
        var body: HTTPClientResponse.Body
    }

    let client: HTTPClient
    private let configured: Mutex<[UpstreamConfiguration]>
    /// The upstreams, in config order (a reload replaces them).
    var upstreams: [UpstreamConfiguration] { configured.withLock { $0 } }
    private let metrics: GatewayMetrics
    private let logger: Logger

    init(upstreams: [UpstreamConfiguration], metrics: GatewayMetrics, logger: Logger) {
        configured = Mutex(upstreams)
        self.metrics = metrics
        self.logger = logger
        let connect = upstreams.map(\.connectTimeoutSeconds).max() ?? 5
        let read = upstreams.map(\.timeoutSeconds).max() ?? 60
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(
            connect: .milliseconds(Int64(connect * 1000)), read: .milliseconds(Int64(read * 1000))
        )
        configuration.connectionPool = HTTPClient.Configuration.ConnectionPool(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64
        )
        configuration.decompression = .disabled
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Replaces the upstreams (a reload); requests in flight finish with the ones they started with. The
    /// shared client keeps its connect timeout (the largest at start).
    func replace(_ upstreams: [UpstreamConfiguration]) {
        configured.withLock { $0 = upstreams }
    }

    /// The first upstream serving the public model `model`, in config order.
    func upstream(serving model: String) -> UpstreamConfiguration? {
        upstreams.first { $0.serves(model) }
    }

    /// Whether an upstream lists `model` among its public names (for `/v1/models`).
    var listedModels: [(model: String, upstream: String)] {
        upstreams.flatMap { upstream in (upstream.models ?? []).map { (model: $0, upstream: upstream.name) } }
    }

    /// Sends a plan's chat completion request to its upstream (then that upstream's fallbacks, in order),
    /// each with the model renamed for it. Throws 502 `upstream_error` / 504 `upstream_timeout` naming each
    /// upstream tried when none answered.
    func chat(_ plan: ForwardPlan, requestID: String) async throws(GatewayError) -> Reply {
        var failures: [UpstreamFailure] = []
        var chain = [plan.upstream]
        let all = upstreams
        for name in plan.upstream.fallbacks where !chain.contains(where: { $0.name == name }) {
            if let fallback = all.first(where: { $0.name == name }) { chain.append(fallback) }
        }
        let stream = plan.stream
        for upstream in chain {
            let payload = plan.body(for: upstream)
            var last: UpstreamFailure.Kind = .timeout
            for attempt in 0...upstream.retries {
                if attempt > 0 {
                    try? await Task.sleep(for: RetryBackoff(baseMilliseconds: upstream.retryBackoffMilliseconds).delay(beforeRetry: attempt - 1))
                }
                switch await send(payload, to: upstream, stream: stream, requestID: requestID) {
                case .success(let reply): return reply
                case .failure(let kind):
                    last = kind
                    metrics.upstreamError(upstream: upstream.name, code: UpstreamFailure.metricCode(kind))
                    logger.warning(
                        "upstream attempt failed",
                        metadata: ["upstream": "\(upstream.name)", "attempt": "\(attempt + 1)", "failure": "\(UpstreamFailure.metricCode(kind))"]
                    )
                }
            }
            failures.append(UpstreamFailure(upstream: upstream.name, kind: last, attempts: upstream.retries + 1))
        }
        throw UpstreamFailure.gatewayError(failures)
    }

    /// One attempt: a reply to pass on, or a failure worth retrying.
    private func send(_ body: [UInt8], to upstream: UpstreamConfiguration, stream: Bool, requestID: String) async -> Result<Reply, UpstreamFailure.Kind> {
        var request = HTTPClientRequest(url: upstream.url("chat/completions"))
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "accept", value: stream ? "text/event-stream" : "application/json")
        request.headers.add(name: "x-request-id", value: requestID)
        if let key = upstream.apiKey, !key.isEmpty { request.headers.add(name: "authorization", value: "Bearer \(key)") }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .milliseconds(Int64(upstream.timeoutSeconds * 1000)), logger: logger)
        } catch {
            return .failure(Self.classify(error))
        }
        let status = Int(response.status.code)
        if status == 429 || status >= 500 {
            _ = try? await response.body.collect(upTo: 1 << 20)
            return .failure(.status(status))
        }
        return .success(Reply(upstream: upstream.name, status: status, headers: response.headers, body: response.body))
    }

    /// A timeout, or a connection failure with a short reason.
    static func classify(_ error: any Error) -> UpstreamFailure.Kind {
        if let error = error as? HTTPClientError {
            if error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout { return .timeout }
            if error == .remoteConnectionClosed { return .connect("connection closed") }
        }
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("refused") { return .connect("connection refused") }
        if text.localizedCaseInsensitiveContains("timeout") || text.localizedCaseInsensitiveContains("timed out") { return .timeout }
        return .connect("connection failed")
    }

    /// Closes the client's connections.
    func shutdown() async {
        try? await client.shutdown()
    }
}
