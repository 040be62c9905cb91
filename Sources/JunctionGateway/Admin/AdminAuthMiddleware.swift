import Hummingbird
import JunctionLimits

/// Guards the admin endpoints (`/v1/admin/...`): off (404) unless an admin key is configured
/// (`admin.api_key_env`), and 401 unless the request's bearer key is that key, compared in constant time.
/// Tenant keys never pass.
struct AdminAuthMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    let gateway: Gateway

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        context.exchange.update { $0.endpoint = "/v1/admin" }
        guard let adminKey = gateway.configuration.access.adminKey, !adminKey.isEmpty else {
            throw GatewayError(
                code: "admin_disabled", status: 404,
                message: "the admin API is off: set admin.api_key_env in the config to the variable holding an admin key"
            )
        }
        guard let presented = APIKey.fromAuthorization(request.headers[.authorization]), APIKey.constantTimeEquals(presented, adminKey) else {
            gateway.metrics.authFailure("admin")
            context.exchange.update { $0.outcome = .unauthorized }
            throw GatewayError.adminKeyRequired
        }
        return try await next(request, context)
    }
}
