/// One piece of personal or secret data found in a text.
public struct PIIFinding: Sendable, Equatable, Hashable {
    /// What it is.
    public var type: EntityType
    /// Where it is, in Unicode scalars of the text (Python string indices, end exclusive).
    public var span: Range<Int>
    /// How sure the detector is, in [0, 1]: 1 for a validated checksum, lower for a pattern alone, the
    /// head's probability for learned entities; context words nearby raise it.
    public var score: Double
    /// Which detector found it: a recognizer's name (`credit_card`) or `model` for the token head.
    public var detector: String

    /// Creates a finding.
    public init(type: EntityType, span: Range<Int>, score: Double, detector: String) {
        self.type = type
        self.span = span
        self.score = score
        self.detector = detector
    }

    /// Start of the span in Unicode scalars.
    public var start: Int { span.lowerBound }
    /// End of the span in Unicode scalars (exclusive).
    public var end: Int { span.upperBound }
}
