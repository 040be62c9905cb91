/// One reference of a route, as `SemanticRouter.references` returns it.
public struct RouteReference: Sendable, Equatable {
    /// `sha256hex` of the text (RedisVL's `reference_id`).
    public var referenceID: String
    /// The route it belongs to.
    public var routeName: String
    /// The utterance.
    public var reference: String

    /// Creates a reference record.
    public init(referenceID: String, routeName: String, reference: String) {
        self.referenceID = referenceID
        self.routeName = routeName
        self.reference = reference
    }
}
