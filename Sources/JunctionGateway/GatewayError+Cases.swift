/// The gateway's errors as the contract names them.
extension GatewayError {
    /// 400 `invalid_json`: the body is not JSON.
    static func invalidJSON(_ detail: String) -> GatewayError {
        GatewayError(code: "invalid_json", status: 400, message: "the request body is not valid JSON: \(detail)")
    }

    /// 400 `invalid_request`: the body is JSON but a field is missing or wrong; `param` names it.
    static func invalidRequest(_ message: String, param: String?) -> GatewayError {
        GatewayError(code: "invalid_request", status: 400, message: message, param: param)
    }

    /// 404 `model_not_found`: no upstream serves the model.
    static func modelNotFound(_ model: String) -> GatewayError {
        GatewayError(
            code: "model_not_found", status: 404,
            message: "The model '\(model)' does not exist or is not served by any configured upstream", param: "model"
        )
    }

    /// 413 `body_too_large`.
    static func bodyTooLarge(limit: Int) -> GatewayError {
        GatewayError(code: "body_too_large", status: 413, message: "the request body is larger than the limit of \(limit) bytes (server.max_body_bytes)")
    }

    /// 503 `no_upstream`: chat needs an upstream and none is configured.
    static let noUpstream = GatewayError(
        code: "no_upstream", status: 503,
        message: "no upstream is configured: set OPENAI_BASE_URL/OPENAI_API_KEY or add `upstreams` to the config"
    )

    /// 404 `not_found`: no such endpoint.
    static func notFound(method: String, path: String) -> GatewayError {
        GatewayError(code: "not_found", status: 404, message: "no such endpoint: \(method) \(path)")
    }

    /// 405 `method_not_allowed`.
    static func methodNotAllowed(method: String, path: String) -> GatewayError {
        GatewayError(code: "method_not_allowed", status: 405, message: "\(path) does not accept \(method)")
    }

    /// 404 `cache_disabled`: a cache admin call while the cache is off.
    static let cacheDisabled = GatewayError(
        code: "cache_disabled", status: 404, message: "the semantic cache is disabled (cache.enabled: false in the config)"
    )

    /// 500 `internal_error`, with nothing of the cause shown to the client.
    static let internalError = GatewayError(code: "internal_error", status: 500, message: "internal error; the gateway's log has the details")

    /// `invalid_config`: a configuration error naming the key.
    public static func invalidConfig(_ message: String) -> GatewayError {
        GatewayError(code: "invalid_config", status: 500, message: message)
    }
}
