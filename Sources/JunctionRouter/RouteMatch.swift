/// A route that matched a text, with the route's aggregated cosine distance.
public struct RouteMatch: Sendable, Equatable {
    /// The route's name.
    public var name: String
    /// The aggregated cosine distance (lower is closer).
    public var distance: Double

    /// Creates a match.
    public init(name: String, distance: Double) {
        self.name = name
        self.distance = distance
    }
}
