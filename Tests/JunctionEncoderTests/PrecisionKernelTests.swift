import Foundation
@testable import JunctionEncoder
import Testing

/// Every dense-layer kernel this CPU has, for every precision it implements, against the portable kernel
/// and against the exact product on random matrices. A kernel whose instructions the CPU lacks is skipped,
/// and the test report says so.
@Suite struct PrecisionKernelTests {
    /// Shapes: one row, a query (13 rows of MiniLM's 384 inputs), odd sizes (partial panels, k not a multiple of 4),
    /// and more rows than the single-precision CBLAS threshold.
    static let shapes = [(1, 5, 3), (13, 160, 384), (14, 33, 17), (29, 70, 45), (300, 64, 38)]

    @Test(.enabled(if: MatrixKernel.avx2.isSupported(for: .fp32), "this CPU lacks AVX2 + FMA"))
    func avx2() throws { try check(.avx2) }

    @Test(.enabled(if: MatrixKernel.avxVNNI.isSupported(for: .int8), "this CPU lacks AVX-VNNI"))
    func avxVNNI() throws { try check(.avxVNNI) }

    @Test(.enabled(if: MatrixKernel.avx512.isSupported(for: .int8), "this CPU lacks AVX-512 F/BW"))
    func avx512() throws { try check(.avx512) }

    @Test(.enabled(if: MatrixKernel.avx512BF16.isSupported(for: .bf16), "this CPU lacks AVX-512 BF16"))
    func avx512BF16() throws { try check(.avx512BF16) }

    @Test(.enabled(if: MatrixKernel.avx512VNNI.isSupported(for: .int8), "this CPU lacks AVX-512 VNNI"))
    func avx512VNNI() throws { try check(.avx512VNNI) }

    /// The portable kernels against the exact product, within each precision's error bound.
    @Test(arguments: EncoderPrecision.allCases)
    func portableWithinBound(precision: EncoderPrecision) {
        for (m, n, k) in Self.shapes {
            let problem = Problem(m: m, n: n, k: k)
            let c = problem.run(precision, .portable, threads: 1)
            let worst = problem.excessOverBound(c, precision)
            #expect(worst <= 0, "\(precision) portable \(m)x\(n)x\(k): exceeds its error bound by \(worst)")
        }
    }

    /// The best kernel for each precision is one the CPU has; the reduced ones use dot-product instructions
    /// when the CPU offers them.
    @Test func bestKernelIsSupported() {
        for precision in EncoderPrecision.allCases {
            let best = MatrixKernel.best(for: precision)
            #expect(best.isSupported(for: precision))
        }
        if MatrixKernel.avx512BF16.isSupported(for: .bf16) { #expect(MatrixKernel.best(for: .bf16) == .avx512BF16) }
        if MatrixKernel.avx512VNNI.isSupported(for: .int8) { #expect(MatrixKernel.best(for: .int8) == .avx512VNNI) }
    }

    private func check(_ kernel: MatrixKernel) throws {
        var checked = 0
        for precision in EncoderPrecision.allCases where kernel.exists(for: precision) {
            try #require(kernel.isSupported(for: precision))
            for (m, n, k) in Self.shapes {
                let problem = Problem(m: m, n: n, k: k)
                let reference = problem.run(precision, .portable, threads: 1)
                for threads in [1, 2] {
                    let c = problem.run(precision, kernel, threads: threads)
                    let label = "\(kernel.label) \(precision) \(m)x\(n)x\(k), \(threads) threads"
                    // int8 sums are exact integers: only the final scaling may round differently.
                    let tolerance: Float = precision == .int8 ? 1e-5 : 1e-4
                    let difference = zip(c, reference).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
                    #expect(difference <= tolerance, "\(label): differs from portable by \(difference)")
                    let excess = problem.excessOverBound(c, precision)
                    #expect(excess <= 0, "\(label): exceeds its error bound by \(excess)")
                }
            }
            checked += 1
        }
        #expect(checked > 0)
    }
}

/// A random product `c = 1 + x·wᵀ`, its exact value and the error each precision may make on it.
private struct Problem {
    let m: Int, n: Int, k: Int
    let x: [Float], w: [Float]
    /// The exact product (in double precision).
    let exact: [Double]
    /// Per precision and element, the largest error that precision may make.
    let bounds: [EncoderPrecision: [Double]]

    init(m: Int, n: Int, k: Int) {
        self.m = m
        self.n = n
        self.k = k
        var generator = SystemRandomNumberGenerator()
        let x = (0..<(m * k)).map { _ in Float.random(in: -2...2, using: &generator) }
        let w = (0..<(n * k)).map { _ in Float.random(in: -0.5...0.5, using: &generator) }
        self.x = x
        self.w = w
        // bf16 keeps 8 significant bits (unit roundoff 2⁻⁸) of each factor; int8 is within half a
        // quantization step (max|row| / 254) of each factor; single-precision sums add k·2⁻²³ of Σ|x·w|.
        let rowSteps = (0..<m).map { i in Double(x[(i * k)..<((i + 1) * k)].map(abs).max() ?? 0) / 254 }
        let columnSteps = (0..<n).map { j in Double(w[(j * k)..<((j + 1) * k)].map(abs).max() ?? 0) / 254 }
        var exact = [Double](repeating: 1, count: m * n)
        var single = [Double](repeating: 0, count: m * n), bf16 = single, int8 = single
        for i in 0..<m {
            for j in 0..<n {
                var magnitude = 0.0, sumAbsX = 0.0, sumAbsW = 0.0
                for p in 0..<k {
                    let (a, b) = (Double(x[i * k + p]), Double(w[j * k + p]))
                    exact[i * n + j] += a * b
                    magnitude += abs(a * b)
                    sumAbsX += abs(a)
                    sumAbsW += abs(b)
                }
                let rounding = (magnitude + 1) * Double(k + 1) * 0x1p-23
                single[i * n + j] = rounding
                bf16[i * n + j] = rounding + magnitude * (2 * 0x1p-8 + 0x1p-16)
                int8[i * n + j] = rounding + sumAbsX * columnSteps[j] + sumAbsW * rowSteps[i]
                    + Double(k) * rowSteps[i] * columnSteps[j]
            }
        }
        self.exact = exact
        bounds = [.fp32: single, .bf16: bf16, .int8: int8]
    }

    func run(_ precision: EncoderPrecision, _ kernel: MatrixKernel, threads: Int) -> [Float] {
        let storage = TensorStorage(count: w.count)
        storage.mutablePointer.update(from: w, count: w.count)
        let layer = PackedLinear(weight: Tensor(shape: [n, k], storage: storage), precision: precision, kernel: kernel)
        var c = [Float](repeating: 1, count: m * n)
        layer.apply(x, rows: m, into: &c, accumulate: true, threads: threads)
        return c
    }

    /// The largest amount by which `c` misses the exact product beyond the precision's bound (<= 0 within).
    func excessOverBound(_ c: [Float], _ precision: EncoderPrecision) -> Double {
        let bound = bounds[precision]!
        return (0..<(m * n)).map { abs(Double(c[$0]) - exact[$0]) - bound[$0] }.max() ?? 0
    }
}
