import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import JunctionCache
import JunctionJSON
import NIOCore

extension Gateway {
    /// Largest upstream JSON answer read.
    static let maxUpstreamBody = 64 << 20

    /// A non-streamed upstream answer (or an upstream's own 4xx): passed to the client byte for byte, read for
    /// usage, and stored in the cache when the policy allows.
    func forwardedJSON(_ reply: UpstreamPool.Reply, plan: ChatPlan, started: ContinuousClock.Instant, exchange: Exchange) async throws(GatewayError) -> Response {
        let body: ByteBuffer
        do {
            body = try await reply.body.collect(upTo: Self.maxUpstreamBody)
        } catch {
            exchange.update { $0.outcome = .upstreamError }
            let kind = UpstreamPool.classify(error)
            metrics.upstreamError(upstream: reply.upstream, code: UpstreamFailure.metricCode(kind))
            throw UpstreamFailure.gatewayError([UpstreamFailure(upstream: reply.upstream, kind: kind, attempts: 1)])
        }
        metrics.stage(.upstream, ContinuousClock.now - started)
        let success = (200..<300).contains(reply.status)
        exchange.update { $0.outcome = success ? .forwarded : .clientError }
        if success, let completion = try? JSONDecoder().decode(ChatCompletion.self, from: Data(body.readableBytesView)) {
            if let usage = completion.usage { metrics.tokens(model: plan.model, usage: usage) }
            let answer = CachePolicy.Answer(
                status: reply.status, finishReasons: completion.choices.map(\.finishReason), hasToolCalls: completion.hasToolCalls
            )
            await store(completion.content, answer: answer, plan: plan)
        }
        var headers: HTTPFields = [.contentType: reply.headers.first(name: "content-type") ?? "application/json"]
        if let requestID = reply.headers.first(name: "x-request-id") { headers[HTTPField.Name("x-upstream-request-id")!] = requestID }
        return Response(status: HTTPResponse.Status(code: reply.status), headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// A streamed upstream answer: each chunk is passed on as it arrives while the answer is assembled; a
    /// stream that ends with `data: [DONE]` is stored (before its last bytes go out, so the next request
    /// already finds it) when the policy allows.
    func streamed(_ reply: UpstreamPool.Reply, plan: ChatPlan) -> Response {
        let upstreamBody = reply.body
        let upstream = reply.upstream
        let body = ResponseBody { writer in
            var assembler = StreamAssembler()
            var stored = false
            var chunks = upstreamBody.makeAsyncIterator()
            while true {
                let next: ByteBuffer?
                do {
                    next = try await chunks.next()
                } catch {
                    // The upstream broke off: end the client's stream without [DONE]; nothing is stored.
                    self.logger.warning("upstream stream broke off", metadata: ["upstream": "\(upstream)", "error": "\(error)"])
                    self.metrics.upstreamError(upstream: upstream, code: "stream")
                    break
                }
                guard let buffer = next else { break }
                assembler.feed(buffer.readableBytesView)
                if assembler.done, !stored {
                    stored = true
                    let answer = CachePolicy.Answer(
                        status: reply.status, finishReasons: assembler.choiceFinishReasons, hasToolCalls: assembler.hasToolCalls
                    )
                    await self.store(assembler.content, answer: answer, plan: plan)
                }
                try await writer.write(buffer)
            }
            if let usage = assembler.usage { self.metrics.tokens(model: plan.model, usage: usage) }
            try await writer.finish(nil)
        }
        return Response(
            status: HTTPResponse.Status(code: reply.status),
            headers: [.contentType: reply.headers.first(name: "content-type") ?? "text/event-stream", .cacheControl: "no-cache"],
            body: body
        )
    }

    /// Stores an answer when there is a cache, a prompt, text, and the policy allows it.
    func store(_ content: String?, answer: CachePolicy.Answer, plan: ChatPlan) async {
        guard let cache, let content, !content.isEmpty, !plan.prompt.isEmpty else { return }
        if let reason = configuration.cache.policy.storeSkipReason(plan.facts, answer) {
            logger.debug("answer not cached", metadata: ["reason": "\(reason)"])
            return
        }
        let started = ContinuousClock.now
        defer { metrics.stage(.cache, ContinuousClock.now - started) }
        do {
            try await cache.store(CacheWrite(
                prompt: plan.prompt, response: content, vector: plan.vector,
                metadata: ["model": .string(plan.model)], filters: plan.filters
            ))
        } catch {
            logger.error("cache store failed", metadata: ["error": "\(error.message)"])
        }
    }
}
