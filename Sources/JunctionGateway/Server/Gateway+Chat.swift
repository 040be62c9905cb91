import AsyncHTTPClient
import HTTPTypes
import Hummingbird
import NIOCore

extension Gateway {
    /// Largest upstream JSON answer read.
    static let maxUpstreamBody = 64 << 20

    /// `POST /v1/chat/completions` over HTTP: the shared decision pipeline, then Junction's own answer or
    /// the upstream's, forwarded through the plan's response side.
    func chatCompletions(body: [UInt8], headers: HTTPFields, exchange: Exchange) async throws(GatewayError) -> Response {
        let plan: ForwardPlan
        switch try await decideChat(ChatInput(body: body, headers: headers, exchange: exchange)) {
        case .respond(let answer): return Response(answer)
        case .forward(let forward): plan = forward
        }
        let started = ContinuousClock.now
        let reply = try await send(plan, exchange: exchange)
        if plan.stream, (200..<300).contains(reply.status) {
            metrics.stage(.upstream, ContinuousClock.now - started)
            exchange.update {
                $0.outcome = .forwarded
                $0.streaming = true
            }
            return streamed(reply, response: plan.response)
        }
        return try await forwardedJSON(reply, response: plan.response, started: started, exchange: exchange)
    }

    /// Sends a plan upstream (with retries and fallbacks); when every attempt failed, the request's token
    /// reservation is released and the error thrown.
    private func send(_ plan: ForwardPlan, exchange: Exchange) async throws(GatewayError) -> UpstreamPool.Reply {
        do {
            return try await upstreams.chat(plan, requestID: exchange.decision.requestID)
        } catch {
            exchange.update { $0.outcome = .upstreamError }
            await plan.response.abandon()
            throw error
        }
    }

    /// A non-streamed upstream answer (or an upstream's own 4xx): read whole, through the response side.
    private func forwardedJSON(_ reply: UpstreamPool.Reply, response: ResponseProcessor, started: ContinuousClock.Instant, exchange: Exchange) async throws(GatewayError) -> Response {
        let answer = try await collectedJSON(reply, response: response, started: started, exchange: exchange)
        var headers: HTTPFields = [.contentType: answer.contentType]
        if let requestID = answer.upstreamRequestID { headers[HTTPField.Name("x-upstream-request-id")!] = requestID }
        return Response(status: HTTPResponse.Status(code: answer.status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// Reads a non-streamed upstream answer whole and passes it through the response side.
    private func collectedJSON(_ reply: UpstreamPool.Reply, response: ResponseProcessor, started: ContinuousClock.Instant, exchange: Exchange) async throws(GatewayError)
        -> (status: Int, contentType: String, body: [UInt8], upstreamRequestID: String?) {
        let body: ByteBuffer
        do {
            body = try await reply.body.collect(upTo: Self.maxUpstreamBody)
        } catch {
            exchange.update { $0.outcome = .upstreamError }
            await response.abandon()
            let kind = UpstreamPool.classify(error)
            metrics.upstreamError(upstream: reply.upstream, code: UpstreamFailure.metricCode(kind))
            throw UpstreamFailure.gatewayError([UpstreamFailure(upstream: reply.upstream, kind: kind, attempts: 1)])
        }
        metrics.stage(.upstream, ContinuousClock.now - started)
        let success = (200..<300).contains(reply.status)
        exchange.update { $0.outcome = success ? .forwarded : .clientError }
        let out = await response.finishJSON(status: reply.status, body: Array(body.readableBytesView))
        return (reply.status, reply.headers.first(name: "content-type") ?? "application/json", out, reply.headers.first(name: "x-request-id"))
    }

    /// A chat completion run end to end without HTTP, for background work (batches): the same pipeline,
    /// limits, cache and upstreams as a live request, the answer complete. A streaming request is refused
    /// (400): background answers are whole. Errors come back as OpenAI's error body with their status.
    public func completeChat(body: [UInt8], headers: HTTPFields, exchange: Exchange) async -> (status: Int, body: [UInt8]) {
        do throws(GatewayError) {
            let plan: ForwardPlan
            switch try await decideChat(ChatInput(body: body, headers: headers, exchange: exchange)) {
            case .respond(let answer):
                guard !answer.isStream else { throw GatewayError.invalidRequest("'stream' must be false here: answers are returned whole", param: "stream") }
                return (answer.status, answer.body)
            case .forward(let forward):
                guard !forward.stream else {
                    await forward.response.abandon()
                    throw GatewayError.invalidRequest("'stream' must be false here: answers are returned whole", param: "stream")
                }
                plan = forward
            }
            let started = ContinuousClock.now
            let reply = try await send(plan, exchange: exchange)
            let answer = try await collectedJSON(reply, response: plan.response, started: started, exchange: exchange)
            return (answer.status, answer.body)
        } catch {
            return (error.status, Array(error.json.utf8))
        }
    }

    /// A streamed upstream answer: each chunk goes through the response side and on to the client as it
    /// arrives; a stream the upstream breaks off ends the client's stream without `[DONE]`.
    private func streamed(_ reply: UpstreamPool.Reply, response: ResponseProcessor) -> Response {
        let upstreamBody = reply.body
        let upstream = reply.upstream
        let status = reply.status
        let body = ResponseBody { writer in
            var chunks = upstreamBody.makeAsyncIterator()
            while true {
                let next: ByteBuffer?
                do {
                    next = try await chunks.next()
                } catch {
                    self.logger.warning("upstream stream broke off", metadata: ["upstream": "\(upstream)", "error": "\(error)"])
                    self.metrics.upstreamError(upstream: upstream, code: "stream")
                    break
                }
                guard let buffer = next else { break }
                let out = await response.streamChunk(Array(buffer.readableBytesView), status: status)
                if !out.isEmpty { try await writer.write(ByteBuffer(bytes: out)) }
            }
            let rest = await response.finishStream()
            if !rest.isEmpty { try await writer.write(ByteBuffer(bytes: rest)) }
            try await writer.finish(nil)
        }
        return Response(
            status: HTTPResponse.Status(code: reply.status),
            headers: [.contentType: reply.headers.first(name: "content-type") ?? "text/event-stream", .cacheControl: "no-cache"],
            body: body
        )
    }
}

extension Response {
    /// An answer Junction wrote itself.
    init(_ answer: ImmediateAnswer) {
        var headers: HTTPFields = [.contentType: answer.contentType]
        if answer.isStream { headers[.cacheControl] = "no-cache" }
        self.init(status: HTTPResponse.Status(code: answer.status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
