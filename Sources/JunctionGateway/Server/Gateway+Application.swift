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
            try await self.admitted(request, context)
            return try await self.embeddings(body: try await self.readBody(request), exchange: context.exchange)
        }
        router.get("/v1/models") { request, context in
            context.exchange.update { $0.endpoint = "/v1/models" }
            _ = try await self.caller(headers: request.headers)
            return self.models()
        }
        router.post("/v1/route") { request, context in
            context.exchange.update { $0.endpoint = "/v1/route" }
            try await self.admitted(request, context)
            return try await self.routeDecision(body: try await self.readBody(request), exchange: context.exchange)
        }
        router.post("/v1/guard") { request, context in
            context.exchange.update { $0.endpoint = "/v1/guard" }
            return try await self.guardCheck(body: try await self.readBody(request), headers: request.headers, exchange: context.exchange)
        }
        router.get("/v1/sessions/:id") { request, context in
            context.exchange.update { $0.endpoint = "/v1/sessions" }
            return try await self.sessionMessages(try context.parameters.require("id"), headers: request.headers)
        }
        router.delete("/v1/sessions/:id") { request, context in
            context.exchange.update { $0.endpoint = "/v1/sessions" }
            return try await self.deleteSession(try context.parameters.require("id"), headers: request.headers)
        }
        addAdminRoutes(to: router.group("/v1/admin").add(middleware: AdminAuthMiddleware(gateway: self)))
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

    /// The admin API: keys, routes and references, the cache (all behind the admin key).
    private func addAdminRoutes(to admin: RouterGroup<GatewayRequestContext>) {
        admin.post("keys") { request, _ in try await self.adminCreateKey(body: try await self.readBody(request)) }
        admin.get("keys") { _, _ in try await self.adminListKeys() }
        admin.get("keys/:id") { _, context in try await self.adminShowKey(id: try context.parameters.require("id")) }
        admin.patch("keys/:id") { request, context in
            try await self.adminUpdateKey(id: try context.parameters.require("id"), body: try await self.readBody(request))
        }
        admin.delete("keys/:id") { _, context in try await self.adminDeleteKey(id: try context.parameters.require("id")) }
        admin.get("routes") { _, _ in try self.adminRouter() }
        admin.post("routes") { request, _ in try await self.adminAddRoute(body: try await self.readBody(request)) }
        admin.delete("routes/:name") { _, context in try await self.adminRemoveRoute(try context.parameters.require("name")) }
        admin.patch("routes/:name") { request, context in
            try await self.adminUpdateRoute(try context.parameters.require("name"), body: try await self.readBody(request))
        }
        admin.post("routes/:name/references") { request, context in
            try await self.adminAddReferences(try context.parameters.require("name"), body: try await self.readBody(request))
        }
        admin.delete("routes/:name/references") { request, context in
            try await self.adminDeleteReferences(try context.parameters.require("name"), body: try await self.readBody(request))
        }
        admin.get("cache/stats") { _, _ in try await self.cacheStats() }
        admin.post("cache/check") { request, _ in try await self.cacheCheck(body: try await self.readBody(request)) }
        admin.delete("cache") { _, _ in try await self.cacheClear() }
    }

    /// Checks the caller's key and counts the request against its requests per minute.
    private func admitted(_ request: Request, _ context: GatewayRequestContext) async throws(GatewayError) {
        let caller = try await caller(headers: request.headers)
        context.exchange.update { $0.tenant = caller.tenant }
        try await admit(caller, model: nil, exchange: context.exchange)
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
