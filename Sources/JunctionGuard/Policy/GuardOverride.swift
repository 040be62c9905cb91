/// One entry of `guard.overrides`: the requests it selects and the settings it changes. Only the fields
/// it sets change; `entities` is merged type by type.
public struct GuardOverride: Sendable, Equatable {
    /// The route name it applies to (`nil`: any route).
    public var route: String?
    /// The model it applies to (`nil`: any model).
    public var model: String?
    /// The tenant it applies to (`nil`: any tenant).
    public var tenant: String?
    /// PII changes.
    public var pii: PIIPolicyOverride?
    /// Attack changes.
    public var attack: AttackPolicyOverride?

    /// Creates an override.
    public init(route: String? = nil, model: String? = nil, tenant: String? = nil, pii: PIIPolicyOverride? = nil, attack: AttackPolicyOverride? = nil) {
        self.route = route
        self.model = model
        self.tenant = tenant
        self.pii = pii
        self.attack = attack
    }

    /// Whether every selector it names equals the request's.
    public func matches(route: String?, model: String?, tenant: String?) -> Bool {
        (self.route == nil || self.route == route) && (self.model == nil || self.model == model)
            && (self.tenant == nil || self.tenant == tenant)
    }
}

/// The PII fields an override may change (`nil`: unchanged).
public struct PIIPolicyOverride: Sendable, Equatable {
    /// New default action.
    public var action: PIIAction?
    /// New redirect model.
    public var redirectModel: String?
    /// Per-type actions merged over the inherited ones.
    public var entities: [EntityType: PIIAction]
    /// New minimum score.
    public var minScore: Double?
    /// New restore setting.
    public var restore: Bool?
    /// New tool-result setting.
    public var scanToolResults: Bool?

    /// Creates a PII override.
    public init(action: PIIAction? = nil, redirectModel: String? = nil, entities: [EntityType: PIIAction] = [:],
                minScore: Double? = nil, restore: Bool? = nil, scanToolResults: Bool? = nil) {
        self.action = action
        self.redirectModel = redirectModel
        self.entities = entities
        self.minScore = minScore
        self.restore = restore
        self.scanToolResults = scanToolResults
    }

    /// Applies the changes to `policy`.
    public func apply(to policy: inout PIIPolicy) {
        if let action { policy.action = action }
        if let redirectModel { policy.redirectModel = redirectModel }
        policy.entities.merge(entities) { _, new in new }
        if let minScore { policy.minScore = minScore }
        if let restore { policy.restore = restore }
        if let scanToolResults { policy.scanToolResults = scanToolResults }
    }
}

/// The attack fields an override may change (`nil`: unchanged). Reference lists are global (they shape
/// the score itself) and are not overridable.
public struct AttackPolicyOverride: Sendable, Equatable {
    /// New action.
    public var action: AttackAction?
    /// New threshold.
    public var threshold: Double?
    /// New redirect model.
    public var redirectModel: String?

    /// Creates an attack override.
    public init(action: AttackAction? = nil, threshold: Double? = nil, redirectModel: String? = nil) {
        self.action = action
        self.threshold = threshold
        self.redirectModel = redirectModel
    }

    /// Applies the changes to `policy`.
    public func apply(to policy: inout AttackPolicy) {
        if let action { policy.action = action }
        if let threshold { policy.threshold = threshold }
        if let redirectModel { policy.redirectModel = redirectModel }
    }
}
