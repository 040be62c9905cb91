import JunctionGuard

/// The prompt guard in the request path (`guard:` in the config): the policy (docs/guard.md) and where
/// its trained heads are. Without a `guard:` section the guard is off and requests are served as before.
public struct GuardSettings: Sendable, Equatable {
    /// Whether the config has a `guard:` section (the executable loads the heads only then).
    public var configured: Bool
    /// The policy; `policy.enabled: false` keeps the heads loaded but lets every request pass.
    public var policy: GuardPolicy
    /// A folder holding `pii-head.json` and `attack-head.json`; nil: the repository's `Models/guard`.
    public var headsDirectory: String?

    /// The policy a `guard:` section starts from: redact every type found, except those that identify
    /// nobody on their own and that answers usually need (places, dates, organisations, job titles, ages,
    /// URLs and domains), which are allowed. Set `pii.entities` to change any of them.
    public static var defaultPolicy: GuardPolicy {
        var policy = GuardPolicy()
        for type in [EntityType.gpe, .dateTime, .organization, .title, .age, .url, .domainName] {
            policy.pii.entities[type] = .allow
        }
        return policy
    }

    /// Settings; the default is no guard.
    public init(configured: Bool = false, policy: GuardPolicy = GuardSettings.defaultPolicy, headsDirectory: String? = nil) {
        self.configured = configured
        self.policy = policy
        self.headsDirectory = headsDirectory
    }

    /// Whether requests are scanned.
    public var active: Bool { configured && policy.enabled }

    init(_ node: ConfigNode) throws(GatewayError) {
        self.init(configured: true)
        let members = try node.mapping(allowed: ["enabled", "heads_dir", "pii", "attack", "overrides"])
        if let value = members["enabled"] { policy.enabled = try value.bool() }
        if let value = members["heads_dir"], !value.isNull { headsDirectory = try value.nonEmptyString() }
        if let value = members["pii"], !value.isNull {
            let change = try Self.pii(value)
            change.apply(to: &policy.pii)
        }
        if let value = members["attack"], !value.isNull {
            let fields = try value.mapping(allowed: ["action", "threshold", "redirect_model", "references"])
            try Self.attack(fields).apply(to: &policy.attack)
            if let references = fields["references"], !references.isNull {
                let lists = try references.mapping(allowed: ["attack", "benign"])
                policy.attack.attackReferences = try lists["attack"].map { (list: ConfigNode) throws(GatewayError) in try list.stringList() } ?? []
                policy.attack.benignReferences = try lists["benign"].map { (list: ConfigNode) throws(GatewayError) in try list.stringList() } ?? []
            }
        }
        if let value = members["overrides"], !value.isNull {
            policy.overrides = try value.sequence().map { (item: ConfigNode) throws(GatewayError) in
                let fields = try item.mapping(allowed: ["route", "model", "tenant", "pii", "attack"])
                var override = GuardOverride(
                    route: try fields["route"]?.nonEmptyString(), model: try fields["model"]?.nonEmptyString(),
                    tenant: try fields["tenant"]?.nonEmptyString()
                )
                if let pii = fields["pii"], !pii.isNull { override.pii = try Self.pii(pii) }
                if let attack = fields["attack"], !attack.isNull {
                    override.attack = try Self.attack(try attack.mapping(allowed: ["action", "threshold", "redirect_model"]))
                }
                return override
            }
        }
        do {
            try policy.validate()
        } catch {
            throw GatewayError.invalidConfig(error.message)
        }
    }

    private static func pii(_ node: ConfigNode) throws(GatewayError) -> PIIPolicyOverride {
        let fields = try node.mapping(allowed: ["action", "redirect_model", "entities", "min_score", "restore", "scan_tool_results"])
        var change = PIIPolicyOverride()
        if let value = fields["action"] { change.action = try Self.piiAction(value) }
        if let value = fields["redirect_model"], !value.isNull { change.redirectModel = try value.nonEmptyString() }
        if let value = fields["entities"], !value.isNull {
            for (name, action) in try value.mapping(allowed: EntityType.detected.map(\.rawValue)) {
                change.entities[EntityType(name)] = try Self.piiAction(action)
            }
        }
        if let value = fields["min_score"] { change.minScore = try value.double(0...1) }
        if let value = fields["restore"] { change.restore = try value.bool() }
        if let value = fields["scan_tool_results"] { change.scanToolResults = try value.bool() }
        return change
    }

    private static func attack(_ fields: [String: ConfigNode]) throws(GatewayError) -> AttackPolicyOverride {
        var change = AttackPolicyOverride()
        if let value = fields["action"] {
            let text = try value.string()
            guard let action = AttackAction(rawValue: text) else { throw value.error("must be block, redirect, flag or allow, got '\(text)'") }
            change.action = action
        }
        if let value = fields["threshold"], !value.isNull { change.threshold = try value.double(0...1) }
        if let value = fields["redirect_model"], !value.isNull { change.redirectModel = try value.nonEmptyString() }
        return change
    }

    private static func piiAction(_ node: ConfigNode) throws(GatewayError) -> PIIAction {
        let text = try node.string()
        guard let action = PIIAction(rawValue: text) else { throw node.error("must be allow, redact, reject or redirect, got '\(text)'") }
        return action
    }
}
