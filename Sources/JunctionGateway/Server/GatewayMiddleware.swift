import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The outermost layer of every request: sets the request id, turns every error into OpenAI's error shape
/// (never a stack trace), writes the `x-junction-*` decision headers on every response and records the
/// request metrics.
struct GatewayMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    let metrics: GatewayMetrics

    static let requestIDHeader = HTTPField.Name("x-request-id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let requestID = Self.requestID(from: request.headers[Self.requestIDHeader])
        context.exchange.update { $0.requestID = requestID }
        var context = context
        context.logger[metadataKey: "request_id"] = .string(requestID)
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as GatewayError {
            response = error.response
        } catch let error as HTTPError {
            response = Self.gatewayError(error, request: request).response
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            response = GatewayError.internalError.response
        }
        let decision = context.exchange.decision
        DecisionHeaders.write(decision, into: &response.headers)
        metrics.request(decision, status: response.status.code)
        if decision.streaming {
            let body = response.body
            let metrics = metrics
            response.body = ResponseBody { writer in
                defer { metrics.stage(.total, ContinuousClock.now - started) }
                try await body.write(writer)
            }
        } else {
            metrics.stage(.total, ContinuousClock.now - started)
        }
        return response
    }

    /// The client's request id when it is short and printable, else a new one.
    static func requestID(from header: String?) -> String {
        if let header, !header.isEmpty, header.utf8.count <= 128, header.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) {
            return header
        }
        return "req_" + RandomID.hex(bytes: 12)
    }

    /// Hummingbird's own errors (no such route, wrong method, body too large) in the gateway's terms.
    static func gatewayError(_ error: HTTPError, request: Request) -> GatewayError {
        switch error.status {
        case .notFound: GatewayError.notFound(method: request.method.rawValue, path: request.uri.path)
        case .methodNotAllowed: GatewayError.methodNotAllowed(method: request.method.rawValue, path: request.uri.path)
        case .contentTooLarge: GatewayError(code: "body_too_large", status: 413, message: "the request body is too large")
        default: GatewayError(code: "http_error", status: error.status.code, message: error.body ?? error.status.reasonPhrase)
        }
    }
}
