import JunctionLimits

/// The errors of API keys, limits and the admin API, in OpenAI's shapes.
extension GatewayError {
    /// 401: no key with `auth.required`.
    static let missingAPIKey = GatewayError(
        code: "missing_api_key", status: 401,
        message: "You didn't provide an API key. Provide it in an Authorization header using Bearer auth (Authorization: Bearer YOUR_KEY).",
        type: "invalid_request_error"
    )

    /// 401: a key Junction does not know, or one disabled or expired.
    static func invalidAPIKey(hint: String, reason: String? = nil) -> GatewayError {
        let message = reason.map { "The API key \(hint) is \($0)." } ?? "Incorrect API key provided: \(hint)."
        return GatewayError(code: "invalid_api_key", status: 401, message: message, type: "invalid_request_error")
    }

    /// 403: the key may not use this model.
    static func modelNotAllowed(_ model: String) -> GatewayError {
        GatewayError(
            code: "model_not_allowed", status: 403, message: "This API key is not allowed to use the model '\(model)'.",
            param: "model", type: "permission_error"
        )
    }

    /// 503: keys are required and the key store cannot be read for a key not seen before.
    static let keyStoreUnavailable = GatewayError(
        code: "auth_unavailable", status: 503, message: "The API key cannot be checked right now (the key store is unreachable); retry shortly."
    )

    /// 503: the limiter cannot reach Redis and `limits.on_redis_failure` is `closed`.
    static let limiterUnavailable = GatewayError(
        code: "limiter_unavailable", status: 503,
        message: "Rate limits cannot be checked right now (Redis is unreachable and limits.on_redis_failure is closed); retry shortly."
    )

    /// 401: an admin endpoint without the admin key.
    static let adminKeyRequired = GatewayError(
        code: "invalid_admin_key", status: 401, message: "This endpoint needs the admin key (Authorization: Bearer ADMIN_KEY).",
        type: "invalid_request_error"
    )

    /// 429 for a refused request, in OpenAI's wording.
    static func limited(_ verdict: LimitVerdict, model: String?, estimate: Int? = nil) -> GatewayError {
        let wait = RateLimitHeaders.duration(milliseconds: verdict.retryMilliseconds)
        let subject = model.map { " for \($0)" } ?? ""
        switch verdict.refusal {
        case .budget:
            let budget = verdict.budget
            let needs = estimate.map { ", and this request needs an estimated \($0)" } ?? ""
            return GatewayError(
                code: "insufficient_quota", status: 429,
                message: "You exceeded your token budget: \(budget?.limit ?? 0) tokens per period, \(budget?.remaining ?? 0) left\(needs). It resets in \(RateLimitHeaders.duration(milliseconds: budget?.resetMilliseconds ?? 0)).",
                type: "insufficient_quota"
            )
        case .requestTooLarge:
            return GatewayError(
                code: "rate_limit_exceeded", status: 429,
                message: "Request too large\(subject) on tokens per min (TPM): Limit \(verdict.tokens?.limit ?? 0), Requested \(estimate ?? 0) (estimated). Send a shorter request or lower max_tokens.",
                type: "tokens"
            )
        case .tokens:
            let window = verdict.tokens
            return GatewayError(
                code: "rate_limit_exceeded", status: 429,
                message: "Rate limit reached\(subject) on tokens per min (TPM): Limit \(window?.limit ?? 0), Used \((window?.limit ?? 0) - (window?.remaining ?? 0)), Requested \(estimate ?? 0). Please try again in \(wait).",
                type: "tokens"
            )
        case .requests, nil:
            let window = verdict.requests
            return GatewayError(
                code: "rate_limit_exceeded", status: 429,
                message: "Rate limit reached\(subject) on requests per min (RPM): Limit \(window?.limit ?? 0), Used \(window?.limit ?? 0), Requested 1. Please try again in \(wait).",
                type: "requests"
            )
        }
    }
}
