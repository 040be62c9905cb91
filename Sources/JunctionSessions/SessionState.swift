/// What Junction keeps about a session beside its messages (RedisVL's layout has no place for it): the
/// tenant that owns it and the route the conversation is on.
public struct SessionState: Sendable, Equatable, Codable {
    /// The tenant that created the session; another tenant gets 404 for it.
    public var tenant: String
    /// The route of the conversation's last routed turn, for stickiness.
    public var route: String?

    /// A state.
    public init(tenant: String, route: String? = nil) {
        self.tenant = tenant
        self.route = route
    }
}
