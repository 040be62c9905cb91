import JunctionGuard

/// What the guard did to one request, for the response side and the headers.
struct GuardedRequest: Sendable {
    /// The decision.
    var decision: GuardDecision
    /// Placeholder -> original value, when the answer gets them back (`restore: true` and something was
    /// redacted); empty otherwise.
    var originals: [String: String]
    /// Whether any finding reached the policy's minimum score (whatever its action): such a prompt is never
    /// stored in the cache.
    var foundPersonalData: Bool
}
