import Foundation

/// Element-wise kernels of the BERT forward pass over row-major F32 buffers.
/// Matrix products go through `BLAS`; everything else is here, written so the
/// compiler vectorises it.
enum VectorMath {
    /// Copies `bias[n]` into each of the `rows` rows of `target[rows×n]`.
    static func broadcastRows(_ bias: UnsafePointer<Float>, rows: Int, columns n: Int, into target: UnsafeMutablePointer<Float>) {
        for row in 0..<rows {
            (target + row * n).update(from: bias, count: n)
        }
    }

    /// In place over each row of `x[rows×n]`: `x = LayerNorm(x + bias) · gamma + beta`.
    static func layerNorm(
        _ x: UnsafeMutablePointer<Float>, rows: Int, columns n: Int,
        bias: UnsafePointer<Float>, gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, epsilon: Float
    ) {
        let inverseCount = 1 / Float(n)
        for row in 0..<rows {
            let v = x + row * n
            var sum: Float = 0
            for i in 0..<n {
                v[i] += bias[i]
                sum += v[i]
            }
            let mean = sum * inverseCount
            var squares: Float = 0
            for i in 0..<n {
                let d = v[i] - mean
                squares += d * d
            }
            let scale = 1 / (squares * inverseCount + epsilon).squareRoot()
            for i in 0..<n {
                v[i] = (v[i] - mean) * scale * gamma[i] + beta[i]
            }
        }
    }

    /// In place: `x = GELU(x + bias)` with the exact (erf) GELU, per row of `n`.
    static func biasGELU(_ x: UnsafeMutablePointer<Float>, rows: Int, columns n: Int, bias: UnsafePointer<Float>) {
        for row in 0..<rows {
            let v = x + row * n
            for i in 0..<n {
                let value = v[i] + bias[i]
                v[i] = 0.5 * value * (1 + erf(value * 0.70710678118654752))
            }
        }
    }

    /// In place: `x = GELU_tanh(x + bias)`, the tanh approximation (`gelu_new`).
    static func biasGELUTanh(_ x: UnsafeMutablePointer<Float>, rows: Int, columns n: Int, bias: UnsafePointer<Float>) {
        for row in 0..<rows {
            let v = x + row * n
            for i in 0..<n {
                let value = v[i] + bias[i]
                let inner = 0.7978845608028654 * (value + 0.044715 * value * value * value)
                v[i] = 0.5 * value * (1 + Foundation.tanh(inner))
            }
        }
    }

    /// `erf` as `x·P(x²)/Q(x²)` on [-4, 4] (erf is ±1 to float precision
    /// beyond), branch-free so it vectorises. The coefficients were fitted for
    /// Junction by weighted least squares; the float error is below 1e-6
    /// (a test checks it against libm).
    @inline(__always)
    static func erf(_ x: Float) -> Float {
        let c = min(max(x, -4), 4)
        let x2 = c * c
        var p: Float = 2.0336148764954487e-08
        p = p * x2 + -1.934152805915801e-06
        p = p * x2 + 0.00013246689923107624
        p = p * x2 + 0.003287697210907936
        p = p * x2 + 0.049229614436626434
        p = p * x2 + 0.19008328020572662
        p = p * x2 + 1.1283791065216064
        var q: Float = 0.0008578943670727313
        q = q * x2 + 0.013499073684215546
        q = q * x2 + 0.11089633405208588
        q = q * x2 + 0.5017895102500916
        q = q * x2 + 1
        return c * p / q
    }

    /// In place: each row of `x[rows×n]` becomes `softmax(row)`.
    static func softmaxRows(_ x: UnsafeMutablePointer<Float>, rows: Int, columns n: Int) {
        for row in 0..<rows {
            let v = x + row * n
            var maximum = -Float.infinity
            for i in 0..<n { maximum = max(maximum, v[i]) }
            var sum: Float = 0
            for i in 0..<n {
                let e = Foundation.exp(v[i] - maximum)
                v[i] = e
                sum += e
            }
            let inverse = 1 / sum
            for i in 0..<n { v[i] *= inverse }
        }
    }

    /// Scales `v[n]` to unit Euclidean length (left as is when it is all zeros).
    static func normalize(_ v: UnsafeMutablePointer<Float>, count n: Int) {
        var squares: Float = 0
        for i in 0..<n { squares += v[i] * v[i] }
        let norm = squares.squareRoot()
        guard norm > 0 else { return }
        let inverse = 1 / max(norm, 1e-12)
        for i in 0..<n { v[i] *= inverse }
    }
}
