import JunctionCache

/// What the chat pipeline decided before answering: the action, the public model, and the cache's part.
struct ChatPlan: Sendable {
    /// The action to take.
    var action: RouteAction
    /// The public model name that answers (forward), or that a canned answer names.
    var model: String
    /// The cache's prompt: the last user message.
    var prompt: String
    /// The prompt's vector, when it was embedded (for the cache lookup and store).
    var vector: [Float]?
    /// The entry filters of this request's scope (empty when scoping is off).
    var filters: [String: String]
    /// The policy's view of the request.
    var facts: CachePolicy.Request
    /// The session the request names, nil for none.
    var session: SessionContext?
}
