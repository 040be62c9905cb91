/// What the guard decided for one request: one action, the entity types behind it, and what to redact.
public struct GuardDecision: Sendable, Equatable {
    /// The outcome, as the `x-junction-guard` header says it.
    public enum Outcome: String, Sendable, Equatable, CaseIterable {
        /// Nothing to act on.
        case pass
        /// Values replaced by placeholders before forwarding.
        case redacted
        /// Refused for PII (400, `pii_detected`).
        case rejected
        /// Sent to ``GuardDecision/redirectModel`` instead.
        case redirected
        /// Refused as an attack (400, `prompt_blocked`).
        case blocked
        /// Forwarded, marked as a likely attack.
        case flagged
    }

    /// The outcome.
    public var outcome: Outcome
    /// The entity types behind the outcome (those rejected, redirected or redacted), sorted; for the
    /// `x-junction-guard-entities` header and error messages (types only, never values).
    public var entityTypes: [EntityType]
    /// The model to send the request to, when ``outcome`` is `redirected`.
    public var redirectModel: String?
    /// For each message (in the order scanned), the findings to replace by placeholders. Also filled when
    /// the request is redirected, for the types whose action is `redact`.
    public var redactions: [[PIIFinding]]
    /// The request's attack score.
    public var attackScore: Double
    /// Whether the score reached the threshold (true for `blocked`, and for `flagged` or a redirect by
    /// the attack policy).
    public var isAttack: Bool
    /// Whether to put original values back into the answer.
    public var restore: Bool

    /// Creates a decision.
    public init(outcome: Outcome, entityTypes: [EntityType] = [], redirectModel: String? = nil, redactions: [[PIIFinding]] = [],
                attackScore: Double = 0, isAttack: Bool = false, restore: Bool = false) {
        self.outcome = outcome
        self.entityTypes = entityTypes
        self.redirectModel = redirectModel
        self.redactions = redactions
        self.attackScore = attackScore
        self.isAttack = isAttack
        self.restore = restore
    }

    /// Whether any message has something to redact.
    public var redacts: Bool { redactions.contains { !$0.isEmpty } }
}
