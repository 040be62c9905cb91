/// A route that matched a text, with the route's aggregated cosine distance.
public struct RouteMatch: Sendable, Equatable {
    /// The route's name.
    public var name: String
    /// The aggregated cosine distance (lower is closer).
    public var distance: Double
    /// Calibrated probability that this route is the right answer, in [0, 1];
    /// nil when the router carries no calibration (fit it with `junction fit`).
    public var confidence: Double?

    /// Creates a match.
    public init(name: String, distance: Double, confidence: Double? = nil) {
        self.name = name
        self.distance = distance
        self.confidence = confidence
    }
}
