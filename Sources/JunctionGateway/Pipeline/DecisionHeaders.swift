import Foundation
import HTTPTypes

/// The `x-junction-*` decision headers every response carries, errors included, on every front.
public enum DecisionHeaders {
    /// The headers of a decision, in a fixed order, as lowercase names and values.
    public static func fields(_ decision: Decision) -> [(name: String, value: String)] {
        let limits = decision.limits.map(RateLimitHeaders.fields) ?? []
        return [
            ("x-junction-request-id", decision.requestID),
            ("x-junction-route", decision.route ?? "none"),
            ("x-junction-route-distance", format(decision.routeDistance)),
            ("x-junction-model", decision.model ?? "none"),
            ("x-junction-cache", decision.cache),
            ("x-junction-cache-distance", decision.cache == "hit" ? format(decision.cacheDistance) : "none"),
        ] + limits
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
