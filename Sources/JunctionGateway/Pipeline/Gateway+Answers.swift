import AsyncHTTPClient
import Foundation
import JunctionCache
import JunctionJSON
import NIOCore

extension Gateway {
    /// An answer the gateway writes itself (`block`, `respond`, `escalate`): never cached.
    func canned(_ text: String, model: String?, request: ChatRequest, outcome: GatewayMetrics.Outcome, exchange: Exchange) -> ImmediateAnswer {
        let name = model ?? "junction"
        exchange.update {
            $0.model = name
            $0.outcome = outcome
            $0.cache = cache == nil ? "off" : "bypass"
        }
        let writer = CompletionWriter(id: RandomID.completion(), created: Self.now, model: name, content: text)
        return answer(writer, request: request)
    }

    /// A cache hit, as JSON or as a stream according to the request.
    func replay(_ hit: CacheHit, model: String, request: ChatRequest) -> ImmediateAnswer {
        let writer = CompletionWriter(id: RandomID.completion(), created: Self.now, model: model, content: hit.response)
        return answer(writer, request: request)
    }

    private func answer(_ writer: CompletionWriter, request: ChatRequest) -> ImmediateAnswer {
        guard request.stream else { return ImmediateAnswer(contentType: "application/json", body: Array(writer.json.utf8)) }
        return ImmediateAnswer(contentType: "text/event-stream", body: Array(writer.sse(includeUsage: request.includeUsage).utf8))
    }

    /// POSTs the conversation to an escalation webhook; a failure is a 502 naming the route's webhook.
    func escalate(_ request: ChatRequest, webhook: String, exchange: Exchange) async throws(GatewayError) {
        let decision = exchange.decision
        let messages = request.messages.map { "{\"role\":\(JSONText.quote($0.role)),\"content\":\(JSONText.quote($0.text))}" }
        let payload = "{\"request_id\":\(JSONText.quote(decision.requestID)),\"route\":\(JSONText.optionalString(decision.route)),"
            + "\"distance\":\(JSONText.number(decision.routeDistance)),\"model\":\(JSONText.quote(request.model)),"
            + "\"messages\":[\(messages.joined(separator: ","))]}"
        var post = HTTPClientRequest(url: webhook)
        post.method = .POST
        post.headers.add(name: "content-type", value: "application/json")
        post.headers.add(name: "x-request-id", value: decision.requestID)
        post.body = .bytes(ByteBuffer(string: payload))
        let route = decision.route ?? "none"
        do {
            let response = try await upstreams.client.execute(post, timeout: .seconds(10), logger: logger)
            _ = try? await response.body.collect(upTo: 1 << 20)
            guard (200..<300).contains(Int(response.status.code)) else {
                exchange.update { $0.outcome = .upstreamError }
                throw GatewayError(
                    code: "upstream_error", status: 502,
                    message: "escalation webhook of route '\(route)' answered \(response.status.code)"
                )
            }
        } catch let error as GatewayError {
            throw error
        } catch {
            exchange.update { $0.outcome = .upstreamError }
            let kind = UpstreamPool.classify(error)
            if kind == .timeout {
                throw GatewayError(code: "upstream_timeout", status: 504, message: "escalation webhook of route '\(route)' timed out")
            }
            throw GatewayError(code: "upstream_error", status: 502, message: "escalation webhook of route '\(route)' could not be reached")
        }
    }

    /// Unix time now, whole seconds.
    static var now: Int { Int(Date().timeIntervalSince1970) }
}
