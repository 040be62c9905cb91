/// How routing follows a conversation rather than its last message alone, and how it keeps a conversation
/// on its route: the gateway's `session.routing` and `junction eval --conversations`.
public struct ConversationRouting: Sendable, Equatable {
    /// What is embedded and routed.
    public enum Input: Sendable, Equatable {
        /// The last user message (the gateway's default).
        case lastMessage
        /// The last `n` user messages as one text, a `user: text` line each.
        case lastTurns(Int)
        /// The last `turns` user messages embedded one by one and summed with weight `decay^age` (the latest
        /// has weight 1, the one before `decay`, ...), then normalised: recent turns count more.
        case weighted(turns: Int, decay: Double)
    }

    /// What is routed.
    public var input: Input
    /// A conversation stays on its route unless another route matches its new turn nearer by more than
    /// this cosine distance; nil: no stickiness (every turn takes its nearest route).
    public var stickinessMargin: Double?

    /// A conversation routing; the default routes the last message with no stickiness (today's behaviour).
    public init(input: Input = .lastMessage, stickinessMargin: Double? = nil) {
        self.input = input
        self.stickinessMargin = stickinessMargin
    }

    /// How many of the latest user turns the input reads.
    public var turnsRead: Int {
        switch input {
        case .lastMessage: 1
        case .lastTurns(let n): max(1, n)
        case .weighted(let turns, _): max(1, turns)
        }
    }

    /// The text to embed for `.lastTurns`, from the user turns oldest first.
    public static func joined(_ turns: some Collection<String>) -> String {
        turns.map { "user: \($0)" }.joined(separator: "\n")
    }

    /// The decayed sum of unit vectors (oldest first), normalised; the latest has weight 1.
    public static func weightedVector(_ vectors: [[Float]], decay: Double) -> [Float] {
        guard let dimension = vectors.last?.count else { return [] }
        var sum = [Float](repeating: 0, count: dimension)
        var weight: Float = 1
        for vector in vectors.reversed() {
            for i in 0..<min(dimension, vector.count) { sum[i] += weight * vector[i] }
            weight *= Float(decay)
        }
        let norm = sum.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? sum.map { $0 / norm } : sum
    }

    /// The route a turn takes.
    public struct Choice: Sendable, Equatable {
        /// The route.
        public var route: String
        /// Its distance to the turn's input; nil when the conversation kept its route although the turn
        /// matched no route (the distance is not known then).
        public var distance: Double?
        /// Whether stickiness kept the conversation's route (over a nearer one, or over no match).
        public var kept: Bool

        /// A choice.
        public init(route: String, distance: Double?, kept: Bool) {
            self.route = route
            self.distance = distance
            self.kept = kept
        }
    }

    /// The route of a turn from the routes its input matched (nearest first): the nearest, unless the
    /// conversation's `current` route also matched within the stickiness margin of it, or nothing matched
    /// at all (a turn that matches no route does not match another route better, so with stickiness the
    /// conversation stays). Nil when nothing matched and nothing is kept.
    public func choose(_ matches: [RouteMatch], current: String?) -> Choice? {
        guard let best = matches.first else {
            guard stickinessMargin != nil, let current else { return nil }
            return Choice(route: current, distance: nil, kept: true)
        }
        guard let margin = stickinessMargin, let current, current != best.name,
              let kept = matches.first(where: { $0.name == current }), kept.distance <= best.distance + margin
        else { return Choice(route: best.name, distance: best.distance, kept: false) }
        return Choice(route: kept.name, distance: kept.distance, kept: true)
    }
}
