import JunctionGuard
import Testing

@Suite("Guard policy decisions")
struct PolicyTests {
    private func finding(_ type: EntityType, score: Double = 0.9) -> PIIFinding {
        PIIFinding(type: type, span: 0..<3, score: score, detector: "test")
    }

    private let policy = GuardPolicy(
        pii: PIIPolicy(action: .redact, redirectModel: "private-llm", entities: [.creditCard: .reject, .url: .allow]),
        attack: AttackPolicy(action: .block, threshold: 0.8, redirectModel: "private-llm"),
        overrides: [
            GuardOverride(route: "medical", pii: PIIPolicyOverride(action: .redirect, redirectModel: "local-llm")),
            GuardOverride(model: "gpt-4o-mini", attack: AttackPolicyOverride(action: .flag)),
            GuardOverride(tenant: "acme", pii: PIIPolicyOverride(entities: [.person: .allow])),
        ])

    private func decide(_ findings: [[PIIFinding]], score: Double = 0, route: String? = nil, model: String? = "gpt-4o", tenant: String? = nil) -> GuardDecision {
        policy.decide(findings: findings, attackScore: score, route: route, model: model, tenant: tenant, defaultThreshold: 0.5)
    }

    @Test("defaults: redact, reject per type, allow per type, min_score")
    func defaults() throws {
        try policy.validate()
        let redacted = decide([[finding(.person)], [finding(.url), finding(.emailAddress, score: 0.3)]])
        #expect(redacted.outcome == .redacted)
        #expect(redacted.entityTypes == [.person])
        #expect(redacted.redactions.map(\.count) == [1, 0])
        #expect(redacted.restore)
        let rejected = decide([[finding(.person)], [finding(.creditCard)]])
        #expect(rejected.outcome == .rejected)
        #expect(rejected.entityTypes == [.creditCard])
        #expect(!rejected.redacts)
        #expect(decide([[finding(.url)]]).outcome == .pass)
    }

    @Test("overrides per route, model and tenant")
    func overrides() {
        let medical = decide([[finding(.person)]], route: "medical")
        #expect(medical.outcome == .redirected)
        #expect(medical.redirectModel == "local-llm")
        #expect(decide([[finding(.person)]], tenant: "acme").outcome == .pass)
        #expect(decide([[]], score: 0.9, model: "gpt-4o-mini").outcome == .flagged)
        #expect(decide([[]], score: 0.9).outcome == .blocked)
        #expect(decide([[]], score: 0.79).outcome == .pass)
    }

    @Test("a blocked attack wins over PII; tool results are skipped unless scanned")
    func precedence() {
        #expect(decide([[finding(.creditCard)]], score: 0.95).outcome == .blocked)
        let tools = policy.decide(
            findings: [[], [finding(.creditCard)]], attackScore: 0, route: nil, model: nil, tenant: nil,
            defaultThreshold: 0.5, toolMessages: [1])
        #expect(tools.outcome == .pass)
    }

    @Test("invalid policies name the field")
    func validation() {
        let missing = GuardPolicy(pii: PIIPolicy(action: .redirect))
        #expect(throws: GuardError.self) { try missing.validate() }
        let selectsNothing = GuardPolicy(overrides: [GuardOverride(pii: PIIPolicyOverride(action: .allow))])
        do {
            try selectsNothing.validate()
            Issue.record("expected an error")
        } catch {
            #expect(error.code == "policy_invalid")
            #expect(error.message.contains("guard.overrides[0]"))
        }
    }
}
