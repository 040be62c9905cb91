import Foundation
import HTTPTypes
import JunctionJSON
import JunctionLimits

extension Gateway {
    /// Who sent the request: 401 when `auth.required` and the key is missing, unknown, disabled or expired.
    /// With keys optional, an unknown key is served as before: its tenant is its `tenants.api_keys` name or
    /// its hash's first 16 hex digits, and `limits.default` applies to it by its hash.
    func caller(headers: HTTPFields) async throws(GatewayError) -> Caller {
        let access = configuration.access
        guard let key = APIKey.fromAuthorization(headers[.authorization]) else {
            if access.required {
                metrics.authFailure("missing")
                throw GatewayError.missingAPIKey
            }
            return Caller(tenant: "anonymous", limitKey: "anonymous", limits: access.defaultLimits)
        }
        let hash = APIKey.hash(key)
        let record: APIKeyRecord?
        do {
            record = try await keys.record(hash: hash)
        } catch {
            logger.error("key store unreachable", metadata: ["error": "\(error.message)"])
            if access.required {
                metrics.authFailure("store_unavailable")
                throw GatewayError.keyStoreUnavailable
            }
            record = nil
        }
        guard let record else {
            if access.required {
                metrics.authFailure("unknown")
                throw GatewayError.invalidAPIKey(hint: APIKey.hint(key))
            }
            let tenant = configuration.tenantKeys[key] ?? String(hash.prefix(16))
            return Caller(tenant: tenant, limitKey: "anon_" + hash.prefix(16), limits: access.defaultLimits)
        }
        if let refusal = record.refusal(at: Date()) {
            metrics.authFailure(refusal)
            throw GatewayError.invalidAPIKey(hint: record.hint, reason: refusal)
        }
        return Caller(tenant: record.tenant, key: record, limitKey: record.id, limits: record.limits.filled(from: access.defaultLimits))
    }

    /// Step 1 of the limits: counts the request against its requests-per-minute window; 429 when over or
    /// when the budget is spent. Records the verdict for the `x-ratelimit-*` headers.
    func admit(_ caller: Caller, model: String?, exchange: Exchange) async throws(GatewayError) {
        guard let subject = caller.subject(model: model, perModel: configuration.access.perModel) else { return }
        let started = ContinuousClock.now
        let verdict: LimitVerdict
        do {
            verdict = try await limiter.admitRequest(subject, limits: caller.limits, at: Date())
        } catch {
            throw GatewayError.limiterUnavailable
        }
        metrics.stage(.limits, ContinuousClock.now - started)
        exchange.update { $0.limits = verdict }
        if let refusal = verdict.refusal {
            metrics.rateLimited(refusal.rawValue)
            exchange.update { $0.outcome = .limited }
            throw GatewayError.limited(verdict, model: model)
        }
    }

    /// Step 2: reserves the request's estimated tokens against tokens per minute and the budget; 429 when
    /// they do not fit. Nil when tokens are not counted for this caller.
    func reserveTokens(_ caller: Caller, model: String, estimate: Int, exchange: Exchange) async throws(GatewayError) -> TokenReservation? {
        guard caller.limits.countsTokens, let subject = caller.subject(model: model, perModel: configuration.access.perModel) else { return nil }
        let started = ContinuousClock.now
        let verdict: LimitVerdict
        let reservation: TokenReservation?
        do {
            (verdict, reservation) = try await limiter.reserveTokens(subject, limits: caller.limits, estimate: estimate, at: Date())
        } catch {
            throw GatewayError.limiterUnavailable
        }
        metrics.stage(.limits, ContinuousClock.now - started)
        exchange.update { decision in
            var merged = decision.limits ?? LimitVerdict()
            merged.refusal = verdict.refusal
            merged.tokens = verdict.tokens ?? merged.tokens
            merged.budget = verdict.budget ?? merged.budget
            decision.limits = merged
        }
        if let refusal = verdict.refusal {
            metrics.rateLimited(refusal.rawValue)
            exchange.update { $0.outcome = .limited }
            throw GatewayError.limited(verdict, model: model, estimate: estimate)
        }
        return reservation
    }

    /// Step 3: the reservation's real cost, once the answer's usage is known (never throws: a failed
    /// settlement leaves the estimate counted, which is logged).
    func settle(_ reservation: TokenReservation, actual: Int, caller: Caller) async {
        do {
            try await limiter.settle(reservation, actual: actual, limits: caller.limits)
        } catch {
            logger.warning("token settlement failed; the estimate stays counted", metadata: ["error": "\(error.message)"])
        }
    }
}

extension Gateway {
    /// Every key the gateway knows: the config's, then the admin API's.
    public func keyRecords() async throws(GatewayError) -> [APIKeyRecord] {
        do {
            return try await keys.records()
        } catch {
            throw GatewayError(code: "store_unavailable", status: 503, message: "the key store failed: \(error.message)")
        }
    }

    /// A key's consumption now, under its limits filled from `limits.default`.
    public func usage(of record: APIKeyRecord) async throws(GatewayError) -> LimitUsage {
        let limits = record.limits.filled(from: configuration.access.defaultLimits)
        do {
            return try await limiter.usage(LimitSubject(key: record.id), limits: limits, at: Date())
        } catch {
            throw GatewayError(code: "limiter_unavailable", status: 503, message: "the key's usage cannot be read right now: \(error.message)")
        }
    }
}
