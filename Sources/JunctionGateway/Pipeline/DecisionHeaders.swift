import Foundation
import HTTPTypes

/// The `x-junction-*` decision headers every response carries, errors included, on every front.
public enum DecisionHeaders {
    /// The headers of a decision, in a fixed order, as lowercase names and values.
    public static func fields(_ decision: Decision) -> [(name: String, value: String)] {
        var extra = decision.limits.map(RateLimitHeaders.fields) ?? []
        if let outcome = decision.guardOutcome {
            extra += [
                ("x-junction-guard", outcome), ("x-junction-guard-entities", decision.guardEntities.isEmpty ? "none" : decision.guardEntities.joined(separator: ",")),
                ("x-junction-guard-score", decision.guardScore.map { String(format: "%.4f", $0) } ?? "none"),
            ]
        }
        if let session = decision.session {
            extra += [("x-junction-session", session), ("x-junction-route-sticky", decision.routeKept ? "true" : "false")]
        }
        return [
            ("x-junction-request-id", decision.requestID),
            ("x-junction-route", decision.route ?? "none"),
            ("x-junction-route-distance", format(decision.routeDistance)),
            ("x-junction-model", decision.model ?? "none"),
            ("x-junction-cache", decision.cache),
            ("x-junction-cache-distance", decision.cache == "hit" ? format(decision.cacheDistance) : "none"),
        ] + extra
    }

    /// Sets the decision headers on an HTTP response's fields.
    public static func write(_ decision: Decision, into headers: inout HTTPFields) {
        for field in fields(decision) {
            headers[HTTPField.Name(field.name)!] = field.value
        }
    }

    /// Six decimals, or `none`.
    static func format(_ distance: Double?) -> String {
        guard let distance, distance.isFinite else { return "none" }
        // Rounding can leave an identical text a hair below zero: never print "-0.000000".
        return String(format: "%.6f", max(0, distance))
    }
}
