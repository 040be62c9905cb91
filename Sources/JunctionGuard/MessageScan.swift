/// What the guard found in one message text.
public struct MessageScan: Sendable, Equatable {
    /// PII and secrets, without overlaps, in text order (spans in Unicode scalars).
    public var findings: [PIIFinding]
    /// The attack (jailbreak / prompt-injection) score in [0, 1]: for a text longer than the encoder's
    /// window, the highest of its windows.
    public var attackScore: Double

    /// Creates a scan result.
    public init(findings: [PIIFinding], attackScore: Double) {
        self.findings = findings
        self.attackScore = attackScore
    }
}

/// What the guard found in a conversation: one ``MessageScan`` per text, in order, and the request's
/// attack score.
public struct ConversationScan: Sendable, Equatable {
    /// One result per scanned text, in the order given.
    public var messages: [MessageScan]

    /// Creates a conversation result.
    public init(messages: [MessageScan]) {
        self.messages = messages
    }

    /// The request's attack score: the highest message score (an attack in any turn, or in a tool result
    /// that was scanned, is an attack on the request); 0 with no messages. To leave a message out (a
    /// trusted system prompt), do not pass it, or take the maximum over the messages you choose.
    public var attackScore: Double {
        messages.map(\.attackScore).max() ?? 0
    }
}
