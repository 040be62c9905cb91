/// What to do with a PII entity type (`guard.pii.action`, `guard.pii.entities.TYPE`).
public enum PIIAction: String, Sendable, Equatable, CaseIterable, Codable {
    /// Let it through unchanged.
    case allow
    /// Replace each value by a placeholder such as `<PERSON_1>` before the upstream sees it.
    case redact
    /// Refuse the request (400, code `pii_detected`).
    case reject
    /// Send the request, unchanged, to `redirect_model` instead (a private model).
    case redirect
}

/// What to do with a prompt whose attack score reaches the threshold (`guard.attack.action`).
public enum AttackAction: String, Sendable, Equatable, CaseIterable, Codable {
    /// Refuse the request (400, code `prompt_blocked`).
    case block
    /// Send it to `redirect_model` instead.
    case redirect
    /// Let it through, marked (`x-junction-guard: flagged`).
    case flag
    /// Ignore the score.
    case allow
}
