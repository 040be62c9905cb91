@testable import JunctionRouter
import Testing

@Suite struct ConfidenceCalibrationTests {
    /// Accepted decisions right with probability σ(8·margin - 0.5), rejected ones right with σ(-6·margin + 1).
    static func samples() -> [ConfidenceCalibration.Sample] {
        var generator = SeededGenerator(seed: 9)
        return (0..<4000).map { _ in
            let margin = Double.random(in: -0.4...0.4, using: &generator)
            let truth = margin > 0 ? ConfidenceCalibration.logistic(8 * margin - 0.5) : ConfidenceCalibration.logistic(-6 * margin + 1)
            return .init(margin: margin, gap: 0.2, correct: Double.random(in: 0..<1, using: &generator) < truth, weight: 1)
        }
    }

    @Test func fittedConfidenceMatchesTheRateAtWhichDecisionsAreRight() {
        let calibration = ConfidenceCalibration.fit(Self.samples())
        for margin in [0.05, 0.2, 0.35] {
            #expect(abs(calibration.confidence(margin: margin, gap: 0.2) - ConfidenceCalibration.logistic(8 * margin - 0.5)) < 0.06)
        }
        for margin in [-0.05, -0.2, -0.35] {
            #expect(abs(calibration.confidence(margin: margin, gap: 0.2) - ConfidenceCalibration.logistic(-6 * margin + 1)) < 0.06)
        }
    }

    @Test func confidenceGrowsWithTheMarginAndStaysInUnitRange() {
        let calibration = ConfidenceCalibration.fit(Self.samples())
        let accepted = stride(from: 0.01, through: 1, by: 0.05).map { calibration.confidence(margin: $0, gap: 0.2) }
        #expect(zip(accepted, accepted.dropFirst()).allSatisfy { $0 <= $1 })
        let rejected = stride(from: -1, through: 0, by: 0.05).map { calibration.confidence(margin: $0, gap: 0.2) }
        #expect(zip(rejected, rejected.dropFirst()).allSatisfy { $0 >= $1 })
        #expect((accepted + rejected).allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func oneSidedSamplesStayFiniteAndWeightsCount() {
        // Every accepted decision right: confident, but finite.
        let allRight = (0..<50).map { ConfidenceCalibration.Sample(margin: 0.1 + Double($0) / 100, gap: 0.3, correct: true, weight: 1) }
        let calibration = ConfidenceCalibration.fit(allRight)
        #expect(calibration.accept.allSatisfy { $0.isFinite })
        #expect(calibration.confidence(margin: 0.3, gap: 0.3) > 0.9)
        // Heavier wrong samples pull the confidence down.
        let mixed = [ConfidenceCalibration.Sample(margin: 0.2, gap: 0.3, correct: true, weight: 1),
                     ConfidenceCalibration.Sample(margin: 0.2, gap: 0.3, correct: false, weight: 3)]
        #expect(ConfidenceCalibration.fit(mixed).confidence(margin: 0.2, gap: 0.3) < 0.4)
    }

    @Test func theRouterReportsConfidenceForRoutesAndForNoRoute() async throws {
        let calibration = ConfidenceCalibration(accept: [0, 10, 0], reject: [0, -10, 0])
        let scene = Scene([("a", 0.5, [("a1", 0.2)]), ("b", 0.5, [("b1", 1.0)])], config: RoutingConfig(aggregationMethod: .centroid, confidence: calibration))
        let router = try await scene.router()
        let accepted = try router.decide(vector: Plane.query)
        #expect(accepted.match?.name == "a")
        // centroid of one reference = the reference: distance 0.2, margin 0.3
        #expect(close(try #require(accepted.confidence), ConfidenceCalibration.logistic(3)))
        #expect(close(try #require(accepted.match?.confidence), ConfidenceCalibration.logistic(3)))
        let rejected = try router.decide(vector: Plane.opposite)
        #expect(rejected.match == nil)
        #expect(try #require(rejected.confidence) > 0.5)
        // An uncalibrated router reports no confidence.
        let plain = try await Scene([("a", 0.5, [("a1", 0.2)])]).router()
        #expect(try plain.decide(vector: Plane.query).confidence == nil)
    }
}
