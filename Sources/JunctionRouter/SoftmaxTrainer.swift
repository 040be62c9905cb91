import Foundation
import JunctionEncoder

/// Trains `SoftmaxScorer`'s weights: multinomial logistic regression on unit
/// vectors, full batch, Adam, L2-regularised, started from the route
/// centroids (so the first step is already the centroid rule). Products go
/// through BLAS. Deterministic: no random initialisation or sampling.
struct SoftmaxTrainer: Sendable {
    /// L2 penalty on the weights.
    var l2: Float = 1e-4
    /// Full-batch steps.
    var iterations = 120
    /// Adam's step size.
    var learningRate: Float = 0.05
    /// Scale of the starting weights (the centroids').
    var initialScale: Float = 15

    /// Weights (`routeCount × dimension`, flat) and biases fitted to `vectors`
    /// (`labels.count × dimension`, flat, unit rows) labelled with route positions.
    func train(vectors: [Float], labels: [Int], routeCount: Int, dimension: Int) -> (weights: [Float], bias: [Float]) {
        let n = labels.count
        var weights = [Float](repeating: 0, count: routeCount * dimension)
        for (row, label) in labels.enumerated() {
            for j in 0..<dimension { weights[label * dimension + j] += vectors[row * dimension + j] }
        }
        for route in 0..<routeCount {
            let base = route * dimension
            var norm: Float = 0
            for j in 0..<dimension { norm += weights[base + j] * weights[base + j] }
            let scale = norm > 0 ? initialScale / norm.squareRoot() : 0
            for j in 0..<dimension { weights[base + j] *= scale }
        }
        var bias = [Float](repeating: 0, count: routeCount)
        guard n > 0 else { return (weights, bias) }
        var m = [Float](repeating: 0, count: weights.count), v = m
        var mb = [Float](repeating: 0, count: routeCount), vb = mb
        let beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8
        for step in 1...iterations {
            var probabilities = BLAS.products(vectors, rows: n, weights, rows: routeCount, width: dimension)
            for row in 0..<n { for route in 0..<routeCount { probabilities[row * routeCount + route] += bias[route] } }
            SoftmaxScorer.softmax(&probabilities, rows: n, columns: routeCount)
            // dLoss/dLogits = (p - y) / n
            let inverse = 1 / Float(n)
            var biasGradient = [Float](repeating: 0, count: routeCount)
            for row in 0..<n {
                probabilities[row * routeCount + labels[row]] -= 1
                for route in 0..<routeCount {
                    probabilities[row * routeCount + route] *= inverse
                    biasGradient[route] += probabilities[row * routeCount + route]
                }
            }
            var gradient = BLAS.transposedProducts(probabilities, columns: routeCount, vectors, columns: dimension, rows: n)
            for i in gradient.indices { gradient[i] += l2 * weights[i] }
            let correction1 = 1 - Foundation.pow(beta1, Float(step)), correction2 = 1 - Foundation.pow(beta2, Float(step))
            for i in weights.indices {
                m[i] = beta1 * m[i] + (1 - beta1) * gradient[i]
                v[i] = beta2 * v[i] + (1 - beta2) * gradient[i] * gradient[i]
                weights[i] -= learningRate * (m[i] / correction1) / ((v[i] / correction2).squareRoot() + epsilon)
            }
            for i in bias.indices {
                mb[i] = beta1 * mb[i] + (1 - beta1) * biasGradient[i]
                vb[i] = beta2 * vb[i] + (1 - beta2) * biasGradient[i] * biasGradient[i]
                bias[i] -= learningRate * (mb[i] / correction1) / ((vb[i] / correction2).squareRoot() + epsilon)
            }
        }
        return (weights, bias)
    }

    /// Probabilities (`rows × routeCount`, flat) of unit `vectors` under the given weights.
    static func probabilities(vectors: [Float], rows: Int, weights: [Float], bias: [Float], dimension: Int) -> [Float] {
        let routeCount = bias.count
        var logits = BLAS.products(vectors, rows: rows, weights, rows: routeCount, width: dimension)
        for row in 0..<rows { for route in 0..<routeCount { logits[row * routeCount + route] += bias[route] } }
        SoftmaxScorer.softmax(&logits, rows: rows, columns: routeCount)
        return logits
    }
}
