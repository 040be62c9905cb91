/// The guard's policy: defaults plus overrides per route, model and tenant. It mirrors the `guard:`
/// section of the gateway's YAML configuration field for field (the gateway decodes it):
///
/// ```yaml
/// guard:
///   enabled: true
///   pii: {action: redact, redirect_model: private-llm, entities: {CREDIT_CARD: reject}, min_score: 0.5,
///         restore: true, scan_tool_results: false}
///   attack: {action: block, threshold: 0.8, redirect_model: private-llm, references: {attack: [], benign: []}}
///   overrides:
///     - {route: medical, pii: {action: redirect, redirect_model: local-llm}}
///     - {model: gpt-4o-mini, attack: {action: flag}}
///     - {tenant: acme, pii: {entities: {PERSON: allow}}}
/// ```
public struct GuardPolicy: Sendable, Equatable {
    /// Whether the guard runs at all. Default `true`.
    public var enabled: Bool
    /// The PII defaults.
    public var pii: PIIPolicy
    /// The attack defaults.
    public var attack: AttackPolicy
    /// Overrides, applied in order to the requests they select; a later one wins field by field.
    public var overrides: [GuardOverride]

    /// Creates a policy; every parameter has the default documented on its property.
    public init(enabled: Bool = true, pii: PIIPolicy = PIIPolicy(), attack: AttackPolicy = AttackPolicy(), overrides: [GuardOverride] = []) {
        self.enabled = enabled
        self.pii = pii
        self.attack = attack
        self.overrides = overrides
    }

    /// Checks what decoding cannot: a redirect names its model, scores are in [0, 1], an override selects
    /// something. Throws `policy_invalid` naming the field.
    public func validate() throws(GuardError) {
        try pii.validate(at: "guard.pii")
        try attack.validate(at: "guard.attack")
        for (index, override) in overrides.enumerated() {
            let path = "guard.overrides[\(index)]"
            guard override.route != nil || override.model != nil || override.tenant != nil else {
                throw .policyInvalid("\(path) selects nothing: give it a route, a model or a tenant")
            }
            let resolved = resolved(route: override.route, model: override.model, tenant: override.tenant)
            try resolved.pii.validate(at: "\(path).pii")
            try resolved.attack.validate(at: "\(path).attack")
        }
    }

    /// The policy that applies to one request: the defaults with every matching override applied in order.
    /// An override matches when each selector it names (`route`, `model`, `tenant`) equals the request's.
    public func resolved(route: String?, model: String?, tenant: String?) -> (pii: PIIPolicy, attack: AttackPolicy) {
        var pii = self.pii
        var attack = self.attack
        for override in overrides where override.matches(route: route, model: model, tenant: tenant) {
            override.pii?.apply(to: &pii)
            override.attack?.apply(to: &attack)
        }
        return (pii, attack)
    }
}

/// PII settings (`guard.pii`).
public struct PIIPolicy: Sendable, Equatable {
    /// Action for every type not listed in ``entities``. Default `redact`.
    public var action: PIIAction
    /// Where `redirect` sends a request. Default `nil` (required when any action is `redirect`).
    public var redirectModel: String?
    /// Actions per entity type, overriding ``action``. Default empty.
    public var entities: [EntityType: PIIAction]
    /// Findings scoring below this are ignored. Default 0.5.
    public var minScore: Double
    /// Put the original values back into the answer (JSON and streams). Default `true`.
    public var restore: Bool
    /// Scan tool results (`role: tool` messages) too. Default `false`.
    public var scanToolResults: Bool

    /// Creates PII settings; every parameter has the default documented on its property.
    public init(
        action: PIIAction = .redact, redirectModel: String? = nil, entities: [EntityType: PIIAction] = [:],
        minScore: Double = 0.5, restore: Bool = true, scanToolResults: Bool = false
    ) {
        self.action = action
        self.redirectModel = redirectModel
        self.entities = entities
        self.minScore = minScore
        self.restore = restore
        self.scanToolResults = scanToolResults
    }

    /// The action for one entity type.
    public func action(for type: EntityType) -> PIIAction {
        entities[type] ?? action
    }

    func validate(at path: String) throws(GuardError) {
        guard (0...1).contains(minScore) else {
            throw .policyInvalid("\(path).min_score must be between 0 and 1, not \(minScore)")
        }
        let redirects = action == .redirect || entities.values.contains(.redirect)
        if redirects && (redirectModel ?? "").isEmpty {
            throw .policyInvalid("\(path) redirects but names no redirect_model")
        }
    }
}

/// Attack settings (`guard.attack`).
public struct AttackPolicy: Sendable, Equatable {
    /// Action when the score reaches ``threshold``. Default `block`.
    public var action: AttackAction
    /// Score at or above which a prompt is an attack; `nil` takes the threshold the attack head was
    /// trained for (1% false positives on held-out data). Default `nil`.
    public var threshold: Double?
    /// Where `redirect` sends a request. Default `nil` (required with `redirect`).
    public var redirectModel: String?
    /// Extra attack examples, added to the head's reference list without retraining. Default empty.
    public var attackReferences: [String]
    /// Extra benign examples (prompts wrongly flagged), likewise. Default empty.
    public var benignReferences: [String]

    /// Creates attack settings; every parameter has the default documented on its property.
    public init(
        action: AttackAction = .block, threshold: Double? = nil, redirectModel: String? = nil,
        attackReferences: [String] = [], benignReferences: [String] = []
    ) {
        self.action = action
        self.threshold = threshold
        self.redirectModel = redirectModel
        self.attackReferences = attackReferences
        self.benignReferences = benignReferences
    }

    func validate(at path: String) throws(GuardError) {
        if let threshold, !(0...1).contains(threshold) {
            throw .policyInvalid("\(path).threshold must be between 0 and 1, not \(threshold)")
        }
        if action == .redirect && (redirectModel ?? "").isEmpty {
            throw .policyInvalid("\(path) redirects but names no redirect_model")
        }
    }
}

extension GuardError {
    static func policyInvalid(_ message: String) -> GuardError {
        GuardError(code: "policy_invalid", message: message)
    }
}
