import Foundation
import HTTPTypes
import Hummingbird
import JunctionGuard
import JunctionJSON

extension Gateway {
    /// `POST /v1/guard`: the guard's findings and decision for a text (`{"input": "..."}`) or a
    /// conversation (`{"messages": [...]}`), without forwarding anything: `{"action", "entities": [{"type",
    /// "start", "end", "score", "message"}], "jailbreak", "redacted"}` (`redacted`: the text, or one text per
    /// scanned segment of the messages, with the policy's redactions). `model` and `route`, when given,
    /// select the policy's overrides. Spans count Unicode scalars.
    func guardCheck(body: [UInt8], headers: HTTPFields, exchange: Exchange) async throws(GatewayError) -> Response {
        let caller = try await caller(headers: headers)
        guard let promptGuard, configuration.guardSettings.configured else {
            throw GatewayError(code: "guard_disabled", status: 404, message: "the prompt guard is off (no guard: section in the config)")
        }
        let object = try AdminJSON.object(body)
        let segments: [MessageSegments.Segment]
        if let input = object["input"]?.stringValue {
            segments = [MessageSegments.Segment(message: 0, part: nil, role: "user", text: input)]
        } else if case .array? = object["messages"], let parsed = MessageSegments(body: body) {
            segments = parsed.segments
        } else {
            throw GatewayError.invalidRequest("give 'input' (a string) or 'messages' (an array of chat messages)", param: "input")
        }
        let started = ContinuousClock.now
        let scan = await promptGuard.scan(segments.map(\.text))
        metrics.stage(.guardScan, ContinuousClock.now - started)
        let policy = configuration.guardSettings.policy
        let route = object["route"]?.stringValue, model = object["model"]?.stringValue
        let resolved = policy.resolved(route: route, model: model, tenant: caller.tenant)
        let tools = Set(segments.indices.filter { segments[$0].role == "tool" })
        let attackScore = segments.indices.filter { segments[$0].role == "user" || (resolved.pii.scanToolResults && tools.contains($0)) }
            .map { scan.messages[$0].attackScore }.max() ?? 0
        let decision = policy.decide(
            findings: scan.messages.map(\.findings), attackScore: attackScore, route: route, model: model, tenant: caller.tenant,
            defaultThreshold: promptGuard.attackHead.threshold, toolMessages: tools
        )
        exchange.update {
            $0.guardOutcome = decision.outcome.rawValue
            $0.guardEntities = decision.entityTypes.map(\.rawValue)
            $0.guardScore = attackScore
        }
        var redactor = Redactor(texts: segments.map(\.text))
        let redacted = redactor.redact(segments.map(\.text), redactions: decision.redactions)
        let entities: [[String: Any]] = scan.messages.enumerated().flatMap { index, message in
            message.findings.filter { $0.score >= resolved.pii.minScore }.map {
                ["type": $0.type.rawValue, "start": $0.start, "end": $0.end, "score": $0.score, "message": index] as [String: Any]
            }
        }
        var answer: [String: Any] = [
            "action": decision.outcome.rawValue, "entities": entities, "jailbreak": attackScore,
            "attack": decision.isAttack, "entity_types": decision.entityTypes.map(\.rawValue),
        ]
        answer["redacted"] = object["input"] != nil ? redacted[0] : redacted
        return try AdminJSON.response(answer)
    }
}
