/// Why one attempt at an upstream failed in a way worth retrying: it could not be reached, it timed out, or
/// it answered 429 or 5xx. Collected per upstream to write the final 502/504 message.
struct UpstreamFailure: Sendable, Equatable {
    enum Kind: Error, Sendable, Equatable {
        case status(Int)
        case timeout
        case connect(String)
    }

    var upstream: String
    var kind: Kind
    var attempts: Int

    /// The `code` label of `junction_upstream_errors_total`: the status, `timeout` or `connect`.
    static func metricCode(_ kind: Kind) -> String {
        switch kind {
        case .status(let status): String(status)
        case .timeout: "timeout"
        case .connect: "connect"
        }
    }

    /// `upstream 'openai' answered 500 after 3 attempts`.
    var description: String {
        let tries = attempts == 1 ? "1 attempt" : "\(attempts) attempts"
        switch kind {
        case .status(let status): return "upstream '\(upstream)' answered \(status) after \(tries)"
        case .timeout: return "upstream '\(upstream)' timed out after \(tries)"
        case .connect(let reason): return "upstream '\(upstream)' could not be reached after \(tries) (\(reason))"
        }
    }

    /// The error a client gets when every upstream tried failed: 504 when the last one timed out, else 502.
    static func gatewayError(_ failures: [UpstreamFailure]) -> GatewayError {
        let message = failures.map(\.description).joined(separator: "; then ")
        if case .timeout = failures.last?.kind {
            return GatewayError(code: "upstream_timeout", status: 504, message: message)
        }
        return GatewayError(code: "upstream_error", status: 502, message: message)
    }
}
