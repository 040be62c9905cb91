import Foundation
import JunctionJSON

/// A named route: example utterances (`references`) and the largest cosine
/// distance at which a text still matches it. Field names and rules are
/// RedisVL's `Route`.
public struct Route: Sendable, Equatable, Codable {
    /// Unique, non-blank name.
    public var name: String
    /// Example utterances; at least one, none blank.
    public var references: [String]
    /// Free map; Junction reads `model`, `action` and friends from it.
    public var metadata: [String: JSONValue]
    /// Cosine distance threshold, 0 < t <= 2 (lower is stricter). Default 0.5.
    public var distanceThreshold: Double

    enum CodingKeys: String, CodingKey {
        case name, references, metadata
        case distanceThreshold = "distance_threshold"
    }

    /// Creates a route; call `validate()` before use.
    public init(name: String, references: [String], metadata: [String: JSONValue] = [:], distanceThreshold: Double = 0.5) {
        self.name = name
        self.references = references
        self.metadata = metadata
        self.distanceThreshold = distanceThreshold
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        references = try c.decode([String].self, forKey: .references)
        metadata = try c.decodeIfPresent([String: JSONValue].self, forKey: .metadata) ?? [:]
        distanceThreshold = try c.decodeIfPresent(Double.self, forKey: .distanceThreshold) ?? 0.5
    }

    /// Throws with RedisVL's rule and wording when the route is invalid.
    public func validate() throws(RouterError) {
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw RouterError(code: "invalid_route", message: "route name must not be empty")
        }
        guard !references.isEmpty else {
            throw RouterError(code: "invalid_route", message: "route \(name): references must not be empty")
        }
        guard references.allSatisfy({ !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) else {
            throw RouterError(code: "invalid_route", message: "route \(name): all references must be non-empty strings")
        }
        try Self.validate(threshold: distanceThreshold, route: name)
    }

    /// Throws unless 0 < `threshold` <= 2.
    static func validate(threshold: Double, route: String) throws(RouterError) {
        guard threshold > 0, threshold <= 2, threshold.isFinite else {
            throw RouterError(
                code: "invalid_route",
                message: "route \(route): distance_threshold must be greater than 0 and at most 2 (got \(threshold))"
            )
        }
    }
}
