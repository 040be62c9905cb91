import Hummingbird
import Logging
import NIOCore

extension Gateway {
    /// The HTTP application serving the gateway's endpoints on `configuration.server`'s address;
    /// `onServerRunning` is told the bound port (useful with port 0).
    public func application(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> Application<RouterResponder<GatewayRequestContext>> {
        Application(
            router: makeRouter(),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.server.host, port: configuration.server.port), serverName: "junction"
            ),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }

    /// The routes: OpenAI's endpoints, routing, cache admin, health and metrics.
    func makeRouter() -> Router<GatewayRequestContext> {
        let router = Router(context: GatewayRequestContext.self)
        router.middlewares.add(GatewayMiddleware(metrics: metrics))
        router.post("/v1/chat/completions") { request, context in
            let body = try await self.readBody(request)
            return try await self.chatCompletions(body: body, headers: request.headers, exchange: context.exchange)
        }
        router.post("/v1/embeddings") { request, context in
            context.exchange.update { $0.endpoint = "/v1/embeddings" }
            return try await self.embeddings(body: try await self.readBody(request), exchange: context.exchange)
        }
        router.get("/v1/models") { _, context in
            context.exchange.update { $0.endpoint = "/v1/models" }
            return self.models()
        }
        router.post("/v1/route") { request, context in
            context.exchange.update { $0.endpoint = "/v1/route" }
            return try await self.routeDecision(body: try await self.readBody(request), exchange: context.exchange)
        }
        router.get("/v1/cache/stats") { _, context in
            context.exchange.update { $0.endpoint = "/v1/cache/stats" }
            return try await self.cacheStats()
        }
        router.post("/v1/cache/check") { request, context in
            context.exchange.update { $0.endpoint = "/v1/cache/check" }
            return try await self.cacheCheck(body: try await self.readBody(request))
        }
        router.delete("/v1/cache") { _, context in
            context.exchange.update { $0.endpoint = "/v1/cache" }
            return try await self.cacheClear()
        }
        router.get("/healthz") { _, context in
            context.exchange.update { $0.endpoint = "/healthz" }
            return Response.json("{\"status\":\"ok\"}")
        }
        router.get("/readyz") { _, context in
            context.exchange.update { $0.endpoint = "/readyz" }
            return await self.readiness()
        }
        router.get("/metrics") { _, context in
            context.exchange.update { $0.endpoint = "/metrics" }
            return await self.metricsText()
        }
        return router
    }

    /// The request body, at most `server.max_body_bytes` (else 413 `body_too_large`).
    func readBody(_ request: Request) async throws(GatewayError) -> [UInt8] {
        let limit = configuration.server.maxBodyBytes
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw GatewayError.bodyTooLarge(limit: limit)
        }
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw GatewayError.bodyTooLarge(limit: limit)
        } catch {
            throw GatewayError.invalidRequest("the request body could not be read", param: nil)
        }
    }
}
