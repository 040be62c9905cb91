import Foundation

/// Turns a routing decision into a calibrated probability that it is right.
///
/// Two logistic models over the same two features of the nearest route: the
/// margin (threshold - score, positive when the route is accepted) and the
/// gap (second-best score - best score, how clearly the nearest route won).
/// `accept` gives the probability that an accepted route is the right one,
/// `reject` the probability that a rejected text really belongs to no route.
/// `junction fit` fits both on held-out decisions, each example weighted by
/// the expected no-route share, so the probabilities hold at that traffic mix.
/// Stored in `routing_config.confidence`, which RedisVL ignores.
public struct ConfidenceCalibration: Sendable, Equatable, Codable {
    /// Intercept, margin and gap coefficients of the accepted-route model.
    public var accept: [Double]
    /// Intercept, margin and gap coefficients of the no-route model.
    public var reject: [Double]

    /// Creates a calibration from its coefficients (three each).
    public init(accept: [Double], reject: [Double]) {
        self.accept = accept
        self.reject = reject
    }

    /// Throws unless both models have three finite coefficients.
    public func validate() throws(RouterError) {
        guard accept.count == 3, reject.count == 3, (accept + reject).allSatisfy(\.isFinite) else {
            throw RouterError(code: "invalid_routing_config", message: "routing_config.confidence needs accept and reject, three numbers each")
        }
    }

    /// The probability that the decision is right: accepted (margin > 0) or not.
    public func confidence(margin: Double, gap: Double) -> Double {
        let coefficients = margin > 0 ? accept : reject
        return Self.logistic(coefficients[0] + coefficients[1] * margin + coefficients[2] * min(gap, 1))
    }

    static func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// One held-out decision to calibrate on.
    struct Sample {
        var margin: Double
        var gap: Double
        /// Whether the decision (accept or reject) was right.
        var correct: Bool
        var weight: Double
    }

    /// Fits both models by weighted logistic regression (Newton's method with a
    /// small ridge, so a side with few or one-sided samples stays finite).
    static func fit(_ samples: [Sample]) -> ConfidenceCalibration {
        ConfidenceCalibration(
            accept: logisticFit(samples.filter { $0.margin > 0 }),
            reject: logisticFit(samples.filter { $0.margin <= 0 })
        )
    }

    static func logisticFit(_ samples: [Sample], ridge: Double = 1e-5, iterations: Int = 100) -> [Double] {
        var beta = [0.0, 0.0, 0.0]
        let total = samples.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return beta }
        for _ in 0..<iterations {
            var gradient = beta.map { ridge * $0 }
            var hessian = [[Double]](repeating: [0, 0, 0], count: 3)
            for i in 0..<3 { hessian[i][i] = ridge }
            for sample in samples {
                let x = [1, sample.margin, min(sample.gap, 1)]
                let p = logistic(beta[0] + beta[1] * x[1] + beta[2] * x[2])
                let w = sample.weight / total
                let residual = p - (sample.correct ? 1 : 0)
                for i in 0..<3 {
                    gradient[i] += w * residual * x[i]
                    for j in 0..<3 { hessian[i][j] += w * p * (1 - p) * x[i] * x[j] }
                }
            }
            guard let step = solve3(hessian, gradient) else { break }
            for i in 0..<3 { beta[i] -= step[i] }
            if step.map(abs).max()! < 1e-9 { break }
        }
        return beta.map { ($0 * 1e6).rounded() / 1e6 }
    }

    /// Solves a 3×3 system by Cramer's rule; nil when singular.
    private static func solve3(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        func det(_ m: [[Double]]) -> Double {
            m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
        }
        let d = det(a)
        guard abs(d) > 1e-300 else { return nil }
        return (0..<3).map { column in
            var m = a
            for row in 0..<3 { m[row][column] = b[row] }
            return det(m) / d
        }
    }
}
