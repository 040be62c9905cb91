import CoreMetrics
import Metrics

/// The gateway's Prometheus series, through swift-metrics (the executable bootstraps the Prometheus
/// backend; tests hand in their own factory). Label values are bounded: endpoints, models, route names,
/// outcomes, stages, upstream names and status codes, never prompts.
///
/// - `junction_requests_total{endpoint, model, route, outcome}`
/// - `junction_routing_decisions_total{route}` (`none` when no route matched)
/// - `junction_cache_lookups_total{result}` (`hit`, `miss`, `bypass`), `junction_cache_hit_ratio`,
///   `junction_cache_entries`
/// - `junction_stage_duration_seconds{stage}` (`embed`, `route`, `cache`, `guard`, `limits`, `upstream`, `total`)
/// - `junction_guard_findings_total{type}`, `junction_guard_actions_total{action}`
/// - `junction_upstream_errors_total{upstream, code}`
/// - `junction_prompt_tokens_total{model}`, `junction_completion_tokens_total{model}`
/// - `junction_rate_limited_total{reason}`, `junction_auth_failures_total{reason}`,
///   `junction_limiter_redis_failures_total`, `junction_config_changes_total{kind}`, `junction_session_turns_total`
public final class GatewayMetrics: Sendable {
    /// How a request ended, the `outcome` label.
    public enum Outcome: String, Sendable {
        case forwarded, blocked, responded, escalated, limited, unauthorized
        case cacheHit = "cache_hit"
        case clientError = "client_error"
        case upstreamError = "upstream_error"
    }

    /// A stage of the request path, the `stage` label.
    public enum Stage: String, Sendable, CaseIterable {
        case embed, route, cache, limits, upstream, total
        case guardScan = "guard"
    }

    private let factory: any MetricsFactory
    private let stages: [Stage: Metrics.Timer]
    private let hitRatio: Gauge
    private let entries: Gauge
    private let lookupCounts = LookupCounts()

    /// Metrics made by `factory` (default: the bootstrapped `MetricsSystem.factory`).
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        var stages: [Stage: Metrics.Timer] = [:]
        for stage in Stage.allCases {
            stages[stage] = Metrics.Timer(label: "junction_stage_duration_seconds", dimensions: [("stage", stage.rawValue)], factory: factory)
        }
        self.stages = stages
        hitRatio = Gauge(label: "junction_cache_hit_ratio", factory: factory)
        entries = Gauge(label: "junction_cache_entries", factory: factory)
    }

    /// Counts a finished request.
    public func request(endpoint: String, model: String, route: String, outcome: Outcome) {
        Counter(
            label: "junction_requests_total",
            dimensions: [("endpoint", endpoint), ("model", model), ("route", route), ("outcome", outcome.rawValue)],
            factory: factory
        ).increment()
    }

    /// Counts a finished request from its decision and the status it got (the outcome is derived from the
    /// status when the pipeline did not say).
    public func request(_ decision: Decision, status: Int) {
        let outcome = decision.outcome ?? {
            switch status {
            case 400..<500: .clientError
            case 500...: .upstreamError
            default: .forwarded
            }
        }()
        request(endpoint: decision.endpoint, model: decision.model ?? "none", route: decision.route ?? "none", outcome: outcome)
    }

    /// Counts a request refused by a limit (`requests`, `tokens`, `request_too_large`, `budget`).
    public func rateLimited(_ reason: String) {
        Counter(label: "junction_rate_limited_total", dimensions: [("reason", reason)], factory: factory).increment()
    }

    /// Counts a request refused for its key (`missing`, `unknown`, `disabled`, `expired`, `store_unavailable`).
    public func authFailure(_ reason: String) {
        Counter(label: "junction_auth_failures_total", dimensions: [("reason", reason)], factory: factory).increment()
    }

    /// Counts a limiter call Redis could not answer (the fail-open or fail-closed rule applied).
    public func limiterRedisFailure() {
        Counter(label: "junction_limiter_redis_failures_total", factory: factory).increment()
    }

    /// Counts a configuration change applied (`keys`, `router`, `reload`) or refused (`reload_refused`).
    public func configChange(_ kind: String) {
        Counter(label: "junction_config_changes_total", dimensions: [("kind", kind)], factory: factory).increment()
    }

    /// Counts a finding of the guard by entity type (never its value).
    public func guardFinding(_ type: String) {
        Counter(label: "junction_guard_findings_total", dimensions: [("type", type)], factory: factory).increment()
    }

    /// Counts the guard's decision (`pass`, `redacted`, `rejected`, `redirected`, `blocked`, `flagged`).
    public func guardAction(_ action: String) {
        Counter(label: "junction_guard_actions_total", dimensions: [("action", action)], factory: factory).increment()
    }

    /// Counts a session turn recorded.
    public func sessionTurn() {
        Counter(label: "junction_session_turns_total", factory: factory).increment()
    }

    /// Counts a routing decision (`none` when no route matched).
    public func routingDecision(route: String?) {
        Counter(label: "junction_routing_decisions_total", dimensions: [("route", route ?? "none")], factory: factory).increment()
    }

    /// Counts a cache lookup (`hit`, `miss` or `bypass`) and updates the hit ratio.
    public func cacheLookup(_ result: String) {
        Counter(label: "junction_cache_lookups_total", dimensions: [("result", result)], factory: factory).increment()
        if let ratio = lookupCounts.record(hit: result == "hit", counted: result != "bypass") { hitRatio.record(ratio) }
    }

    /// Sets the number of cache entries.
    public func cacheEntries(_ count: Int) {
        entries.record(count)
    }

    /// Records how long a stage took.
    public func stage(_ stage: Stage, _ duration: Duration) {
        stages[stage]?.recordNanoseconds(duration.nanoseconds)
    }

    /// Counts a failed attempt at an upstream (`code`: the status, `timeout` or `connect`).
    public func upstreamError(upstream: String, code: String) {
        Counter(label: "junction_upstream_errors_total", dimensions: [("upstream", upstream), ("code", code)], factory: factory).increment()
    }

    /// Adds an answer's token counts.
    func tokens(model: String, usage: Usage) {
        Counter(label: "junction_prompt_tokens_total", dimensions: [("model", model)], factory: factory).increment(by: usage.promptTokens)
        Counter(label: "junction_completion_tokens_total", dimensions: [("model", model)], factory: factory).increment(by: usage.completionTokens)
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// The duration in seconds.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
