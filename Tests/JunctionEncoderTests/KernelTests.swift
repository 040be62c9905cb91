import Foundation
@testable import JunctionEncoder
import Testing

@Suite struct KernelTests {
    @Test func fastErfMatchesLibm() {
        var worst: Float = 0
        for step in -6000...6000 {
            let x = Float(step) / 1000
            worst = max(worst, abs(VectorMath.erf(x) - Foundation.erf(x)))
        }
        #expect(worst < 1e-6, "max |erf error| \(worst)")
    }

    /// The packed kernel (and CBLAS above its row threshold) against a plain triple loop.
    @Test(arguments: [(1, 5, 3), (13, 1152, 384), (14, 33, 17), (29, 64, 31), (300, 70, 40)])
    func linearLayerMatchesNaiveProduct(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        var generator = SystemRandomNumberGenerator()
        let x = (0..<(m * k)).map { _ in Float.random(in: -1...1, using: &generator) }
        let w = (0..<(n * k)).map { _ in Float.random(in: -1...1, using: &generator) }
        let storage = TensorStorage(count: w.count)
        storage.mutablePointer.update(from: w, count: w.count)
        let layer = PackedLinear(weight: Tensor(shape: [n, k], storage: storage))
        for threads in [1, 2] {
            var c = [Float](repeating: 1, count: m * n)
            layer.apply(x, rows: m, into: &c, accumulate: true, threads: threads)
            var worst: Float = 0
            for i in 0..<m {
                for j in 0..<n {
                    var sum: Float = 1
                    for p in 0..<k { sum += x[i * k + p] * w[j * k + p] }
                    worst = max(worst, abs(sum - c[i * n + j]))
                }
            }
            #expect(worst < 1e-3, "\(m)x\(n)x\(k), \(threads) threads: max error \(worst)")
        }
    }
}
