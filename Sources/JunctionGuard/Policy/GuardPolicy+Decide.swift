extension GuardPolicy {
    /// Decides what to do with one request.
    ///
    /// - Parameters:
    ///   - findings: the findings of each scanned message, in order.
    ///   - attackScore: the request's attack score (``ConversationScan/attackScore``).
    ///   - defaultThreshold: the attack threshold when the policy sets none (the head's).
    ///   - toolMessages: indices of messages that are tool results, ignored unless `scan_tool_results`.
    ///
    /// Precedence, from strongest: `blocked` (an attack with action `block`) > `rejected` (any finding
    /// whose type's action is `reject`) > `redirected` (PII's `redirect_model` when a found type redirects,
    /// else the attack's) > `redacted` > `flagged` > `pass`. Findings below `min_score` and types set to
    /// `allow` are ignored. Redactions are listed for `redirected` and `flagged` requests as well, so the
    /// types set to `redact` are never sent in clear.
    public func decide(
        findings: [[PIIFinding]], attackScore: Double, route: String?, model: String?, tenant: String?,
        defaultThreshold: Double, toolMessages: Set<Int> = []
    ) -> GuardDecision {
        guard enabled else {
            return GuardDecision(outcome: .pass, redactions: findings.map { _ in [] }, attackScore: attackScore)
        }
        let (pii, attack) = resolved(route: route, model: model, tenant: tenant)
        let isAttack = attack.action != .allow && attackScore >= (attack.threshold ?? defaultThreshold)
        var decision = GuardDecision(
            outcome: .pass, redactions: findings.map { _ in [] }, attackScore: attackScore, isAttack: isAttack,
            restore: pii.restore)
        if isAttack && attack.action == .block {
            decision.outcome = .blocked
            return decision
        }
        var byAction: [PIIAction: Set<EntityType>] = [:]
        for (index, message) in findings.enumerated() where pii.scanToolResults || !toolMessages.contains(index) {
            for finding in message where finding.score >= pii.minScore {
                let action = pii.action(for: finding.type)
                byAction[action, default: []].insert(finding.type)
                if action == .redact {
                    decision.redactions[index].append(finding)
                }
            }
        }
        if let rejected = byAction[.reject] {
            decision.outcome = .rejected
            decision.entityTypes = rejected.sorted()
            decision.redactions = findings.map { _ in [] }
        } else if let redirected = byAction[.redirect] {
            decision.outcome = .redirected
            decision.entityTypes = redirected.sorted()
            decision.redirectModel = pii.redirectModel
        } else if isAttack && attack.action == .redirect {
            decision.outcome = .redirected
            decision.redirectModel = attack.redirectModel
            decision.entityTypes = byAction[.redact]?.sorted() ?? []
        } else if let redacted = byAction[.redact] {
            decision.outcome = .redacted
            decision.entityTypes = redacted.sorted()
        } else if isAttack && attack.action == .flag {
            decision.outcome = .flagged
        }
        if !decision.redacts {
            decision.restore = false
        }
        return decision
    }
}
