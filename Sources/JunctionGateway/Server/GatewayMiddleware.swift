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
        let outcome = decision.outcome ?? Self.outcome(status: response.status.code)
        metrics.request(endpoint: decision.endpoint, model: decision.model ?? "none", route: decision.route ?? "none", outcome: outcome)
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

    /// The outcome of a response whose handler did not say.
    static func outcome(status: Int) -> GatewayMetrics.Outcome {
        switch status {
        case 400..<500: .clientError
        case 500...: .upstreamError
        default: .forwarded
        }
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

/// Writes the decision headers.
enum DecisionHeaders {
    static let requestID = HTTPField.Name("x-junction-request-id")!
    static let route = HTTPField.Name("x-junction-route")!
    static let routeDistance = HTTPField.Name("x-junction-route-distance")!
    static let routeConfidence = HTTPField.Name("x-junction-route-confidence")!
    static let model = HTTPField.Name("x-junction-model")!
    static let cache = HTTPField.Name("x-junction-cache")!
    static let cacheDistance = HTTPField.Name("x-junction-cache-distance")!

    static func write(_ decision: Decision, into headers: inout HTTPFields) {
        headers[requestID] = decision.requestID
        headers[route] = decision.route ?? "none"
        headers[routeDistance] = format(decision.routeDistance)
        headers[routeConfidence] = decision.routeConfidence.map { String(format: "%.4f", min(1, max(0, $0))) } ?? "none"
        headers[model] = decision.model ?? "none"
        headers[cache] = decision.cache
        headers[cacheDistance] = decision.cache == "hit" ? format(decision.cacheDistance) : "none"
    }

    /// Six decimals, or `none`.
    static func format(_ distance: Double?) -> String {
        guard let distance, distance.isFinite else { return "none" }
        // Rounding can leave an identical text a hair below zero: never print "-0.000000".
        return String(format: "%.6f", max(0, distance))
    }
}
