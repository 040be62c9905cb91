/// Trains a ``DenseNetwork`` by mini-batch Adam on softmax cross-entropy with L2 weight decay, in plain
/// Swift (the heads are small: a few hundred thousand parameters, tens of thousands of examples).
public struct NetworkTrainer: Sendable {
    /// Passes over the data.
    public var epochs = 30
    /// Examples per update.
    public var batchSize = 64
    /// Adam step size.
    public var learningRate: Float = 0.002
    /// L2 penalty on the weights.
    public var weightDecay: Float = 1e-4
    /// Shuffling seed.
    public var seed: UInt64 = 7

    /// Creates a trainer with the documented defaults.
    public init() {}

    /// Trains `network` on `inputs` (`[count × inputSize]` row-major) and integer `labels`, each example
    /// weighted by `weights` (default 1); `progress` is told each epoch and its mean loss.
    public func train(
        _ network: inout DenseNetwork, inputs: [Float], labels: [Int], weights: [Float]? = nil,
        progress: (Int, Float) -> Void = { _, _ in }
    ) {
        let count = labels.count
        let width = network.inputSize
        precondition(inputs.count == count * width, "inputs and labels disagree")
        var adam = AdamState(network)
        var order = Array(0..<count)
        var random = seed
        for epoch in 1...max(1, epochs) {
            for index in stride(from: count - 1, to: 0, by: -1) {
                random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                order.swapAt(index, Int((random >> 33) % UInt64(index + 1)))
            }
            var totalLoss: Float = 0
            var start = 0
            while start < count {
                let batch = order[start..<min(count, start + batchSize)]
                var gradient = Gradient(network)
                inputs.withUnsafeBufferPointer { all in
                    for example in batch {
                        let input = UnsafeBufferPointer(rebasing: all[(example * width)..<((example + 1) * width)])
                        totalLoss += gradient.accumulate(
                            network, input: input, label: labels[example], weight: weights?[example] ?? 1)
                    }
                }
                adam.step(&network, gradient: gradient, batchSize: batch.count, rate: learningRate, decay: weightDecay)
                start += batchSize
            }
            progress(epoch, totalLoss / Float(max(1, count)))
        }
    }
}

/// Gradients of the four parameter arrays, summed over a batch.
private struct Gradient {
    var w1: [Float], b1: [Float], w2: [Float], b2: [Float]

    init(_ network: DenseNetwork) {
        w1 = Array(repeating: 0, count: network.weights1.count)
        b1 = Array(repeating: 0, count: network.bias1.count)
        w2 = Array(repeating: 0, count: network.weights2.count)
        b2 = Array(repeating: 0, count: network.bias2.count)
    }

    /// Adds one example's gradient; returns its loss.
    mutating func accumulate(_ network: DenseNetwork, input: UnsafeBufferPointer<Float>, label: Int, weight: Float) -> Float {
        var hidden: [Float] = []
        var delta = DenseNetwork.softmax(network.logits(input, hidden: &hidden))
        let loss = -logf(max(delta[label], 1e-12)) * weight
        delta[label] -= 1
        for index in delta.indices {
            delta[index] *= weight
        }
        let columns = network.inputSize
        if network.hiddenSize == 0 {
            Self.addOuter(&w1, &b1, delta, input, columns: columns)
            return loss
        }
        hidden.withUnsafeBufferPointer { h in Self.addOuter(&w2, &b2, delta, h, columns: network.hiddenSize) }
        var hiddenDelta = Array(repeating: Float(0), count: network.hiddenSize)
        for unit in 0..<network.hiddenSize where hidden[unit] > 0 {
            var sum: Float = 0
            for output in 0..<network.classCount {
                sum += network.weights2[output * network.hiddenSize + unit] * delta[output]
            }
            hiddenDelta[unit] = sum
        }
        Self.addOuter(&w1, &b1, hiddenDelta, input, columns: columns)
        return loss
    }

    private static func addOuter(
        _ weights: inout [Float], _ bias: inout [Float], _ delta: [Float], _ input: UnsafeBufferPointer<Float>,
        columns: Int
    ) {
        weights.withUnsafeMutableBufferPointer { w in
            for row in delta.indices where delta[row] != 0 {
                let scale = delta[row]
                let base = row * columns
                for column in 0..<columns {
                    w[base + column] += scale * input[column]
                }
                bias[row] += scale
            }
        }
    }
}

/// Adam's moment estimates for every parameter.
private struct AdamState {
    var moments: [[Float]]
    var squares: [[Float]]
    var step = 0

    init(_ network: DenseNetwork) {
        let sizes = [network.weights1.count, network.bias1.count, network.weights2.count, network.bias2.count]
        moments = sizes.map { Array(repeating: 0, count: $0) }
        squares = moments
    }

    mutating func step(_ network: inout DenseNetwork, gradient: Gradient, batchSize: Int, rate: Float, decay: Float) {
        step += 1
        let correction1 = 1 - powf(0.9, Float(step))
        let correction2 = 1 - powf(0.999, Float(step))
        let scale = 1 / Float(batchSize)
        update(&network.weights1, gradient.w1, slot: 0, scale: scale, rate: rate, decay: decay, c1: correction1, c2: correction2)
        update(&network.bias1, gradient.b1, slot: 1, scale: scale, rate: rate, decay: 0, c1: correction1, c2: correction2)
        update(&network.weights2, gradient.w2, slot: 2, scale: scale, rate: rate, decay: decay, c1: correction1, c2: correction2)
        update(&network.bias2, gradient.b2, slot: 3, scale: scale, rate: rate, decay: 0, c1: correction1, c2: correction2)
    }

    private mutating func update(
        _ parameters: inout [Float], _ gradient: [Float], slot: Int, scale: Float, rate: Float, decay: Float,
        c1: Float, c2: Float
    ) {
        for index in parameters.indices {
            let g = gradient[index] * scale + decay * parameters[index]
            moments[slot][index] = 0.9 * moments[slot][index] + 0.1 * g
            squares[slot][index] = 0.999 * squares[slot][index] + 0.001 * g * g
            parameters[index] -= rate * (moments[slot][index] / c1) / ((squares[slot][index] / c2).squareRoot() + 1e-8)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
