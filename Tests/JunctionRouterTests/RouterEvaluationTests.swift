@testable import JunctionRouter
import Testing

@Suite struct RouterEvaluationTests {
    /// a: 3 examples (2 right, 1 sent to b); b: 2 (1 right, 1 unrouted);
    /// out of scope: 3 (1 right, 2 sent to a).
    static let evaluation = RouterEvaluation(
        labels: ["a", "a", "a", "b", "b", nil, nil, nil],
        predictions: ["a", "a", "b", "b", nil, nil, "a", "a"],
        routeNames: ["a", "b", "c"]
    )

    @Test func accuracyCountsExactAnswersIncludingNoRoute() {
        #expect(Self.evaluation.total == 8)
        #expect(Self.evaluation.correct == 4)
        #expect(Self.evaluation.accuracy == 0.5)
    }

    @Test func perRoutePrecisionAndRecall() throws {
        let a = try #require(Self.evaluation.perRoute["a"])
        #expect(a.truePositives == 2)
        #expect(a.predicted == 4)
        #expect(a.support == 3)
        #expect(a.precision == 0.5)
        #expect(a.recall == 2.0 / 3)
        #expect(abs(a.f1 - 4.0 / 7) < 1e-12)
        let b = try #require(Self.evaluation.perRoute["b"])
        #expect((b.truePositives, b.predicted, b.support) == (1, 2, 2))
        #expect(b.precision == 0.5)
        #expect(b.recall == 0.5)
    }

    @Test func routeNeverSeenScoresOneByConvention() throws {
        let c = try #require(Self.evaluation.perRoute["c"])
        #expect((c.truePositives, c.predicted, c.support) == (0, 0, 0))
        #expect(c.precision == 1)
        #expect(c.recall == 1)
        #expect(Self.evaluation.perRoute.keys.sorted() == ["a", "b", "c"])
    }

    @Test func noRoutePrecisionAndRecall() {
        let none = Self.evaluation.noRoute
        #expect((none.truePositives, none.predicted, none.support) == (1, 2, 3))
        #expect(none.precision == 0.5)
        #expect(none.recall == 1.0 / 3)
    }

    @Test func confusionsMostFrequentFirstThenByLabels() {
        let all = Self.evaluation.confusions(limit: 10)
        #expect(all == [
            RouterEvaluation.Confusion(expected: nil, predicted: "a", count: 2),
            RouterEvaluation.Confusion(expected: "a", predicted: "b", count: 1),
            RouterEvaluation.Confusion(expected: "b", predicted: nil, count: 1),
        ])
        #expect(Self.evaluation.confusions(limit: 1) == [all[0]])
        #expect(Self.evaluation.confusions(limit: 0).isEmpty)
    }

    @Test func predictionsOfUnlistedRoutesAreScoredToo() throws {
        let evaluation = RouterEvaluation(labels: ["a"], predictions: ["ghost"], routeNames: ["a"])
        #expect(evaluation.accuracy == 0)
        #expect(evaluation.perRoute["ghost"]?.predicted == 1)
        #expect(evaluation.perRoute["a"]?.recall == 0)
    }

    @Test func emptyEvaluation() {
        let evaluation = RouterEvaluation(labels: [], predictions: [], routeNames: [])
        #expect(evaluation.total == 0)
        #expect(evaluation.accuracy == 0)
        #expect(evaluation.confusions(limit: 5).isEmpty)
    }
}
