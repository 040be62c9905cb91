import Hummingbird
import JunctionJSON
import JunctionRedis
import NIOCore

extension Gateway {
    /// `/readyz`: 200 when the model is loaded and the store answers (Redis: a `PING`), else 503 saying why.
    func readiness() async -> Response {
        var reason: String?
        if let redis {
            do {
                _ = try await redis.send(PING())
            } catch {
                reason = "redis unreachable: \(error.message)"
            }
        }
        let head = "\"model\":\(JSONText.quote(embedder.modelName)),\"store\":\(JSONText.quote(storeDescription))"
        guard let reason else { return Response.json("{\"status\":\"ready\",\(head)}") }
        return Response.json("{\"status\":\"unavailable\",\(head),\"reason\":\(JSONText.quote(reason))}", status: .serviceUnavailable)
    }

    /// `/metrics`: refreshes the cache gauges, then renders the registry in Prometheus' text format.
    func metricsText() async -> Response {
        if let cache, let stats = try? await cache.stats() { metrics.cacheEntries(stats.entries) }
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: renderMetrics()))
        )
    }

    /// `GET /v1/models`: the auto model, then every model an upstream lists, then the models routes name.
    func models() -> Response {
        var seen: Set<String> = []
        var entries: [String] = []
        func add(_ model: String, owner: String) {
            guard seen.insert(model).inserted else { return }
            entries.append("{\"id\":\(JSONText.quote(model)),\"object\":\"model\",\"created\":0,\"owned_by\":\(JSONText.quote(owner))}")
        }
        add(configuration.routing.autoModel, owner: "junction")
        for (model, upstream) in upstreams.listedModels { add(model, owner: upstream) }
        if case .forward(let model?) = configuration.routing.defaultAction, let upstream = upstreams.upstream(serving: model) {
            add(model, owner: upstream.name)
        }
        for action in actions.values.sorted(by: { ($0.model ?? "") < ($1.model ?? "") }) {
            if case .forward(let model?) = action, let upstream = upstreams.upstream(serving: model) { add(model, owner: upstream.name) }
        }
        return Response.json("{\"object\":\"list\",\"data\":[\(entries.joined(separator: ","))]}")
    }
}
