/// A small classifier: inputs → one hidden ReLU layer (or none) → class logits, with softmax
/// probabilities. The guard's token head and attack head are both one of these, trained in Swift by
/// ``NetworkTrainer``.
public struct DenseNetwork: Sendable, Equatable {
    /// Input width.
    public let inputSize: Int
    /// Hidden width; 0 for a linear (softmax regression) classifier.
    public let hiddenSize: Int
    /// Number of classes.
    public let classCount: Int
    /// `[hidden × input]` (or `[classes × input]` when linear), row-major.
    public var weights1: [Float]
    /// `[hidden]` (or `[classes]`).
    public var bias1: [Float]
    /// `[classes × hidden]`, empty when linear.
    public var weights2: [Float]
    /// `[classes]`, empty when linear.
    public var bias2: [Float]

    /// A network with small deterministic pseudo-random weights (for training).
    public init(inputSize: Int, hiddenSize: Int, classCount: Int, seed: UInt64 = 42) {
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.classCount = classCount
        var state = seed
        func next(_ scale: Float) -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Float(state >> 40) / Float(1 << 24) - 0.5) * 2 * scale
        }
        let firstOut = hiddenSize > 0 ? hiddenSize : classCount
        let scale1 = (6 / Float(inputSize + firstOut)).squareRoot()
        weights1 = (0..<(firstOut * inputSize)).map { _ in next(scale1) }
        bias1 = Array(repeating: 0, count: firstOut)
        if hiddenSize > 0 {
            let scale2 = (6 / Float(hiddenSize + classCount)).squareRoot()
            weights2 = (0..<(classCount * hiddenSize)).map { _ in next(scale2) }
            bias2 = Array(repeating: 0, count: classCount)
        } else {
            weights2 = []
            bias2 = []
        }
    }

    /// A network from stored parameters; `nil` when their sizes disagree.
    public init?(
        inputSize: Int, hiddenSize: Int, classCount: Int, weights1: [Float], bias1: [Float], weights2: [Float],
        bias2: [Float]
    ) {
        let firstOut = hiddenSize > 0 ? hiddenSize : classCount
        guard inputSize > 0, classCount > 1, weights1.count == firstOut * inputSize, bias1.count == firstOut,
            weights2.count == (hiddenSize > 0 ? classCount * hiddenSize : 0),
            bias2.count == (hiddenSize > 0 ? classCount : 0)
        else {
            return nil
        }
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.classCount = classCount
        self.weights1 = weights1
        self.bias1 = bias1
        self.weights2 = weights2
        self.bias2 = bias2
    }

    /// The class logits of one input (`inputSize` floats), and the hidden activations when there is a
    /// hidden layer.
    public func logits(_ input: UnsafeBufferPointer<Float>, hidden: inout [Float]) -> [Float] {
        if hiddenSize == 0 {
            return Self.affine(weights1, bias1, input, rows: classCount, columns: inputSize)
        }
        hidden = Self.affine(weights1, bias1, input, rows: hiddenSize, columns: inputSize)
        for index in hidden.indices where hidden[index] < 0 {
            hidden[index] = 0
        }
        return hidden.withUnsafeBufferPointer {
            Self.affine(weights2, bias2, $0, rows: classCount, columns: hiddenSize)
        }
    }

    /// Softmax probabilities of one input.
    public func probabilities(_ input: UnsafeBufferPointer<Float>) -> [Float] {
        var hidden: [Float] = []
        return Self.softmax(logits(input, hidden: &hidden))
    }

    /// `weights · input + bias` for a `[rows × columns]` matrix.
    static func affine(
        _ weights: [Float], _ bias: [Float], _ input: UnsafeBufferPointer<Float>, rows: Int, columns: Int
    ) -> [Float] {
        var output = bias
        weights.withUnsafeBufferPointer { w in
            for row in 0..<rows {
                var sum: Float = 0
                let base = row * columns
                for column in 0..<columns {
                    sum += w[base + column] * input[column]
                }
                output[row] += sum
            }
        }
        return output
    }

    /// Numerically stable softmax.
    public static func softmax(_ logits: [Float]) -> [Float] {
        let top = logits.max() ?? 0
        let exps = logits.map { expf($0 - top) }
        let total = exps.reduce(0, +)
        return exps.map { $0 / total }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
