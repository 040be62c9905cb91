import Foundation
import Hummingbird
import JunctionJSON
import JunctionRouter

extension Gateway {
    /// `GET /v1/admin/routes`: the router as RedisVL's dict.
    func adminRouter() throws(GatewayError) -> Response {
        let router = try requireRouter()
        do {
            return Response.json(bytes: ByteBuffer(bytes: try router.definition.json()))
        } catch {
            throw GatewayError.internalError
        }
    }

    /// `POST /v1/admin/routes`: adds a route (`{name, references, metadata, distance_threshold}`).
    func adminAddRoute(body: [UInt8]) async throws(GatewayError) -> Response {
        let router = try requireRouter()
        let route: Route
        do {
            route = try JSONDecoder().decode(Route.self, from: Data(body))
        } catch let error as DecodingError {
            throw RequestDecoding.gatewayError(error)
        } catch {
            throw GatewayError.invalidJSON("\(error)")
        }
        let action = try Self.action(of: route)
        // The action goes in first, so the route never matches before its action is known.
        updateRuntime { $0.actions[route.name] = $0.actions[route.name] ?? action }
        do {
            try await routerCall { try await router.addRoute(route) }
        } catch {
            refreshActions()
            throw error
        }
        return try await routerChanged(["name": route.name, "added": true], status: .created)
    }

    /// `DELETE /v1/admin/routes/{name}`.
    func adminRemoveRoute(_ name: String) async throws(GatewayError) -> Response {
        let router = try requireRouter()
        let removed = try await routerCall { try await router.removeRoute(named: name) }
        guard removed else { throw Self.noRoute(name) }
        return try await routerChanged(["name": name, "deleted": true])
    }

    /// `PATCH /v1/admin/routes/{name}`: `{"distance_threshold": t}`.
    func adminUpdateRoute(_ name: String, body: [UInt8]) async throws(GatewayError) -> Response {
        let router = try requireRouter()
        let object = try AdminJSON.object(body)
        if let unknown = object.keys.first(where: { $0 != "distance_threshold" }) {
            throw GatewayError.invalidRequest("unknown field '\(unknown)' (a route's threshold is the one field that changes in place; replace the route for the rest)", param: unknown)
        }
        guard case .number(let threshold)? = object["distance_threshold"] else {
            throw GatewayError.invalidRequest("missing required parameter: 'distance_threshold' (a number, 0 < t <= 2)", param: "distance_threshold")
        }
        guard router.definition.route(named: name) != nil else { throw Self.noRoute(name) }
        try await routerCall { try await router.updateRouteThresholds([name: threshold]) }
        return try await routerChanged(["name": name, "distance_threshold": threshold])
    }

    /// `POST /v1/admin/routes/{name}/references`: `{"references": [...]}` -> the ids of those added.
    func adminAddReferences(_ name: String, body: [UInt8]) async throws(GatewayError) -> Response {
        let router = try requireRouter()
        guard let references = try AdminJSON.strings(try AdminJSON.object(body), "references"), !references.isEmpty else {
            throw GatewayError.invalidRequest("missing required parameter: 'references' (a non-empty array of texts)", param: "references")
        }
        guard router.definition.route(named: name) != nil else { throw Self.noRoute(name) }
        let added = try await routerCall { try await router.addReferences(references, to: name) }
        return try await routerChanged(["name": name, "added": added])
    }

    /// `DELETE /v1/admin/routes/{name}/references`: `{"references": [texts]}` or `{"ids": [...]}`.
    func adminDeleteReferences(_ name: String, body: [UInt8]) async throws(GatewayError) -> Response {
        let router = try requireRouter()
        let object = try AdminJSON.object(body)
        let ids = (try AdminJSON.strings(object, "ids") ?? []) + (try AdminJSON.strings(object, "references") ?? []).map(ReferenceID.of)
        guard !ids.isEmpty else {
            throw GatewayError.invalidRequest("give 'references' (texts) or 'ids' (their SHA-256) to delete", param: "references")
        }
        guard router.definition.route(named: name) != nil else { throw Self.noRoute(name) }
        let deleted = try await routerCall { try await router.deleteReferences(route: name, ids: ids) }
        return try await routerChanged(["name": name, "deleted": deleted])
    }

    /// After a change: this instance's actions, the other instances, the answer.
    private func routerChanged(_ answer: [String: Any], status: HTTPResponse.Status = .ok) async throws(GatewayError) -> Response {
        refreshActions()
        await announce(.router)
        return try AdminJSON.response(answer, status: status)
    }

    private func requireRouter() throws(GatewayError) -> any JunctionRouter.Router {
        guard let router else { throw GatewayError(code: "no_router", status: 404, message: "the gateway runs without a router (router: null in the config)") }
        return router
    }

    private static func action(of route: Route) throws(GatewayError) -> RouteAction {
        do {
            return try RouteAction.parse(metadata: route.metadata, path: "metadata")
        } catch {
            throw GatewayError.invalidRequest(error.message, param: "metadata")
        }
    }

    private static func noRoute(_ name: String) -> GatewayError {
        GatewayError(code: "route_not_found", status: 404, message: "the router has no route named '\(name)'")
    }

    private func routerCall<T>(_ body: () async throws -> T) async throws(GatewayError) -> T {
        do {
            return try await body()
        } catch {
            guard let error = error as? RouterError else { throw GatewayError.internalError }
            switch error.code {
            case "invalid_route", "duplicate_route", "invalid_routing_config", "unknown_route", "not_found":
                throw GatewayError(code: error.code, status: 400, message: error.message)
            default:
                throw GatewayError(code: "store_unavailable", status: 503, message: "the router's store failed: \(error.message)")
            }
        }
    }
}
