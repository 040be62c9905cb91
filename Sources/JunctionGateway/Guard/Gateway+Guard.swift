import Foundation
import JunctionEncoder
import JunctionGuard

extension Gateway {
    /// The scan of a request's texts (every message's; the prompt's forward pass reused), before routing.
    struct GuardScan: Sendable {
        var segments: MessageSegments
        var scan: ConversationScan
    }

    /// Scans a request's message texts when the guard is on, reusing one forward pass for the prompt: its
    /// sentence vector becomes `plan.vector` when the gateway embeds with the guard's encoder, so routing
    /// and the cache do not embed it again. Nil when the guard is off.
    func scanForGuard(body: [UInt8], prompt: String, plan: inout ChatPlan) async -> GuardScan? {
        guard let promptGuard, configuration.guardSettings.active, let segments = MessageSegments(body: body) else { return nil }
        let started = ContinuousClock.now
        var reusing: (index: Int, encoded: EncodedText)?
        if !prompt.isEmpty, let index = segments.segments.lastIndex(where: { $0.role == "user" && $0.text == prompt }),
           let encoded = await promptGuard.encoder.encodeWithStates([prompt]).first {
            reusing = (index, encoded)
            if embedder.modelName == promptGuard.encoder.modelName { plan.vector = encoded.embedding.vector }
        }
        let scan = await promptGuard.scan(segments.segments.map(\.text), reusing: reusing)
        metrics.stage(.guardScan, ContinuousClock.now - started)
        return GuardScan(segments: segments, scan: scan)
    }

    /// Applies the policy to a scanned request once its route and model are known: throws 400
    /// `prompt_blocked` or `pii_detected`, redirects the plan's model, and returns the body to forward
    /// (redacted where the policy says) with what the response side needs.
    func applyGuard(_ guardScan: GuardScan, body: [UInt8], plan: inout ChatPlan, tenant: String, exchange: Exchange) throws(GatewayError) -> (body: [UInt8], guarded: GuardedRequest) {
        let policy = configuration.guardSettings.policy
        let segments = guardScan.segments.segments
        let resolved = policy.resolved(route: exchange.decision.route, model: plan.model, tenant: tenant)
        let tools = Set(segments.indices.filter { segments[$0].role == "tool" })
        let scored = segments.indices.filter { segments[$0].role == "user" || (resolved.pii.scanToolResults && tools.contains($0)) }
        let attackScore = scored.map { guardScan.scan.messages[$0].attackScore }.max() ?? 0
        let findings = guardScan.scan.messages.map(\.findings)
        let decision = policy.decide(
            findings: findings, attackScore: attackScore, route: exchange.decision.route, model: plan.model, tenant: tenant,
            defaultThreshold: promptGuard?.attackHead.threshold ?? 1, toolMessages: tools
        )
        let counted = findings.enumerated().filter { resolved.pii.scanToolResults || !tools.contains($0.offset) }.flatMap(\.element)
            .filter { $0.score >= resolved.pii.minScore }
        for finding in counted { metrics.guardFinding(finding.type.rawValue) }
        metrics.guardAction(decision.outcome.rawValue)
        exchange.update {
            $0.guardOutcome = decision.outcome.rawValue
            $0.guardEntities = decision.entityTypes.map(\.rawValue)
            $0.guardScore = attackScore
        }
        switch decision.outcome {
        case .blocked:
            exchange.update { $0.outcome = .blocked }
            throw GatewayError(
                code: "prompt_blocked", status: 400,
                message: "The request was blocked by the prompt guard: it reads as a jailbreak or prompt-injection attempt (score \(String(format: "%.2f", attackScore)))."
            )
        case .rejected:
            exchange.update { $0.outcome = .clientError }
            throw GatewayError(
                code: "pii_detected", status: 400,
                message: "The request contains personal data that may not be sent: \(decision.entityTypes.map(\.rawValue).joined(separator: ", ")). Remove it and try again."
            )
        case .redirected:
            if let model = decision.redirectModel {
                plan.model = model
                plan.action = .forward(model: model)
            }
        case .pass, .redacted, .flagged:
            break
        }
        var forwarded = body
        var originals: [String: String] = [:]
        if decision.redacts {
            var redactor = Redactor(texts: segments.map(\.text))
            forwarded = guardScan.segments.body(body, replacing: redactor.redact(segments.map(\.text), redactions: decision.redactions))
            if decision.restore { originals = redactor.originals }
        }
        return (forwarded, GuardedRequest(decision: decision, originals: originals, foundPersonalData: !counted.isEmpty))
    }
}
