/// Precision, recall and F1 of PII findings against labelled spans, per entity type and overall (micro).
///
/// A finding matches a labelled entity of the same type (compared under ``EntityType/evaluationName``:
/// `URL` counts as `DOMAIN_NAME`, `LOCATION` as `GPE`) when their overlap covers at least half of the
/// longer of the two; each labelled entity matches at most one finding. Findings of types the data never
/// labels (`SECRETS`, `CRYPTO` for the guard's data) are left out rather than counted as false positives.
public struct PIIMetrics: Sendable, Equatable {
    /// Counts of one type.
    public struct Counts: Sendable, Equatable {
        /// Findings that matched.
        public var truePositives = 0
        /// Findings that matched nothing.
        public var falsePositives = 0
        /// Labelled entities nothing matched.
        public var falseNegatives = 0

        /// Creates zero counts.
        public init() {}

        /// Precision (0 with no findings).
        public var precision: Double {
            truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives)
        }
        /// Recall (0 with no labels).
        public var recall: Double {
            truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives)
        }
        /// F1.
        public var f1: Double {
            precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        }
        /// Labelled entities.
        public var support: Int { truePositives + falseNegatives }
    }

    /// Counts per type (the evaluated names).
    public private(set) var byType: [EntityType: Counts] = [:]
    /// The types counted: those the data labels.
    public let types: Set<EntityType>

    /// Metrics over the `types` the data labels.
    public init(types: Set<EntityType>) {
        self.types = types
    }

    /// Adds one text's findings and labels.
    public mutating func add(findings: [(type: EntityType, span: Range<Int>)], labels: [(type: EntityType, span: Range<Int>)]) {
        var matched = Array(repeating: false, count: labels.count)
        for finding in findings {
            let type = finding.type.evaluationName
            guard types.contains(type) else { continue }
            if let index = labels.indices.first(where: { !matched[$0] && labels[$0].type.evaluationName == type && Self.overlaps(finding.span, labels[$0].span) }) {
                matched[index] = true
                byType[type, default: Counts()].truePositives += 1
            } else {
                byType[type, default: Counts()].falsePositives += 1
            }
        }
        for (index, label) in labels.enumerated() where !matched[index] {
            byType[label.type.evaluationName, default: Counts()].falseNegatives += 1
        }
    }

    /// Whether two spans overlap by at least half of the longer one.
    static func overlaps(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        let overlap = min(a.upperBound, b.upperBound) - max(a.lowerBound, b.lowerBound)
        return overlap > 0 && overlap * 2 >= max(a.count, b.count)
    }

    /// All types summed (micro average).
    public var overall: Counts {
        byType.values.reduce(into: Counts()) {
            $0.truePositives += $1.truePositives
            $0.falsePositives += $1.falsePositives
            $0.falseNegatives += $1.falseNegatives
        }
    }
}
