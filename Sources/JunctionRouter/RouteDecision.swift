/// The decision for one text with `max_k` 1: the route chosen (or none), the
/// nearest route whether or not it passed its threshold, and a calibrated
/// confidence that the decision, route or "no route", is right.
public struct RouteDecision: Sendable, Equatable {
    /// The route chosen; nil means no route.
    public var match: RouteMatch?
    /// The best-ranked route, accepted or not (nil when the router has no routes).
    public var nearest: RouteMatch?
    /// Calibrated probability in [0, 1] that the decision is right: that `match`
    /// is the right route, or, for no route, that the text belongs to none.
    /// Nil when the router carries no calibration.
    public var confidence: Double?
    /// The nearest route's decision score, in its threshold's units (a distance,
    /// or 1 - probability for `softmax`): accepted when below `threshold`.
    public var score: Double?
    /// The nearest route's threshold in the same units.
    public var threshold: Double?

    /// Creates a decision.
    public init(match: RouteMatch?, nearest: RouteMatch?, confidence: Double?, score: Double? = nil, threshold: Double? = nil) {
        self.match = match
        self.nearest = nearest
        self.confidence = confidence
        self.score = score
        self.threshold = threshold
    }
}
