/// Accuracy of a router on labelled examples, as `junction eval` reports it.
public struct RouterEvaluation: Sendable {
    /// Precision, recall and counts for one class (a route, or "no route").
    public struct ClassScore: Sendable, Equatable {
        /// Correct predictions of this class.
        public var truePositives = 0
        /// Predictions of this class.
        public var predicted = 0
        /// Examples labelled with this class.
        public var support = 0

        /// Share of this class's predictions that were right (1 when never predicted).
        public var precision: Double { predicted == 0 ? 1 : Double(truePositives) / Double(predicted) }
        /// Share of this class's examples found (1 when there are none).
        public var recall: Double { support == 0 ? 1 : Double(truePositives) / Double(support) }
        /// An empty score.
        public init() {}

        /// Harmonic mean of precision and recall.
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    /// One kind of mistake: expected label, predicted label (nil = no route), and how often.
    public struct Confusion: Sendable, Equatable {
        /// The label.
        public var expected: String?
        /// What the router said instead.
        public var predicted: String?
        /// How often.
        public var count: Int
    }

    /// Number of examples.
    public private(set) var total = 0
    /// Examples routed to their label (no route for out-of-scope ones).
    public private(set) var correct = 0
    /// Scores per route name.
    public private(set) var perRoute: [String: ClassScore] = [:]
    /// Scores of the "no route" class (out-of-scope detection).
    public private(set) var noRoute = ClassScore()
    private var mistakes: [String: Int] = [:]

    /// Scores `predictions` against `labels` (nil means no route); every route name appears in `perRoute`.
    public init(labels: [String?], predictions: [String?], routeNames: [String]) {
        for name in routeNames { perRoute[name] = ClassScore() }
        for (label, prediction) in zip(labels, predictions) {
            total += 1
            if label == prediction { correct += 1 }
            update(label, prediction)
            if label != prediction { mistakes[Self.key(label) + "\u{1F}" + Self.key(prediction), default: 0] += 1 }
        }
    }

    /// Share of examples routed correctly.
    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

    /// The most frequent mistakes, most frequent first.
    public func confusions(limit: Int) -> [Confusion] {
        mistakes.map { key, count in
            let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            return Confusion(expected: Self.label(parts[0]), predicted: Self.label(parts[1]), count: count)
        }
        .sorted { $0.count != $1.count ? $0.count > $1.count : ($0.expected ?? "", $0.predicted ?? "") < ($1.expected ?? "", $1.predicted ?? "") }
        .prefix(limit).map { $0 }
    }

    private mutating func update(_ label: String?, _ prediction: String?) {
        func bump(_ name: String?, _ change: (inout ClassScore) -> Void) {
            if let name { change(&perRoute[name, default: ClassScore()]) } else { change(&noRoute) }
        }
        bump(label) { $0.support += 1 }
        bump(prediction) { $0.predicted += 1 }
        if label == prediction { bump(label) { $0.truePositives += 1 } }
    }

    private static func key(_ name: String?) -> String { name.map { "r:" + $0 } ?? "-" }
    private static func label(_ key: String) -> String? { key == "-" ? nil : String(key.dropFirst(2)) }
}
