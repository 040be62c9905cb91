import JunctionEncoder

/// Trains the ``AttackHead``: a classifier on the sentence embeddings of labelled prompts, reference lists
/// sampled from the same data, and the combination of both fitted on a calibration fifth, whose scores
/// also set the threshold for a target false-positive rate.
public struct AttackHeadTrainer: Sendable {
    /// Hidden width of the classifier (0: logistic regression). Default 64.
    public var hiddenSize = 64
    /// Reference examples kept per class. Default 250.
    public var referencesPerClass = 250
    /// The false-positive rate the threshold is chosen for, on the calibration part. Default 0.01.
    public var targetFalsePositiveRate = 0.01
    /// The optimiser's settings.
    public var trainer: NetworkTrainer = {
        var trainer = NetworkTrainer()
        trainer.epochs = 40
        trainer.weightDecay = 1e-3
        return trainer
    }()

    /// Creates a trainer with the documented defaults.
    public init() {}

    /// Sentence embeddings of some prompts, in batches; `progress` is told how many are done.
    public static func embeddings(_ texts: [String], encoder: SentenceEncoder, progress: (Int) -> Void) async -> [[Float]] {
        var vectors: [[Float]] = []
        for start in stride(from: 0, to: texts.count, by: 64) {
            vectors += await encoder.embed(Array(texts[start..<min(texts.count, start + 64)])).map(\.vector)
            progress(vectors.count)
        }
        return vectors
    }

    /// Trains on examples whose embeddings are given (`vectors[i]` for `examples[i]`).
    public func train(
        _ examples: [JailbreakExample], vectors: [[Float]], modelName: String, progress: (String) -> Void = { _ in }
    ) -> AttackHead {
        let dimension = vectors.first?.count ?? 0
        let calibration = examples.indices.filter { GuardData.bucket(examples[$0].id, salt: "calibration") == 0 }
        let calibrationSet = Set(calibration)
        let fit = examples.indices.filter { !calibrationSet.contains($0) }
        var network = DenseNetwork(inputSize: dimension, hiddenSize: hiddenSize, classCount: 2)
        trainer.train(
            &network, inputs: fit.flatMap { vectors[$0] }, labels: fit.map { examples[$0].isAttack ? 1 : 0 }
        ) { epoch, loss in
            if epoch % 10 == 0 { progress("attack head epoch \(epoch)/\(trainer.epochs): loss \(String(format4: loss))") }
        }
        let attacks = fit.filter { examples[$0].isAttack }
        let benign = fit.filter { !examples[$0].isAttack }
        var head = AttackHead(
            modelName: modelName, hiddenSize: dimension, network: network, a: 1, c: 0, b: 0,
            attackReferences: Self.sample(attacks, count: referencesPerClass).map { AttackHead.normalized(vectors[$0]) },
            benignReferences: Self.sample(benign, count: referencesPerClass).map { AttackHead.normalized(vectors[$0]) },
            threshold: 0.5, thresholdFalsePositiveRate: targetFalsePositiveRate, training: [:])
        let features = calibration.map { head.parts(vectors[$0]) }
        let (a, c, b) = Self.fitCombination(features, labels: calibration.map { examples[$0].isAttack })
        head = AttackHead(
            modelName: modelName, hiddenSize: dimension, network: network, a: a, c: c, b: b,
            attackReferences: head.attackReferences, benignReferences: head.benignReferences, threshold: 0.5,
            thresholdFalsePositiveRate: targetFalsePositiveRate, training: [:])
        let benignScores = calibration.filter { !examples[$0].isAttack }.map { head.score(vectors[$0]) }
        let threshold = JailbreakMetrics.threshold(benignScores: benignScores, falsePositiveRate: targetFalsePositiveRate)
        progress("combination a=\(a) c=\(c) b=\(b); threshold \(threshold) for \(targetFalsePositiveRate * 100)% false positives")
        return AttackHead(
            modelName: modelName, hiddenSize: dimension, network: network, a: a, c: c, b: b,
            attackReferences: head.attackReferences, benignReferences: head.benignReferences, threshold: threshold,
            thresholdFalsePositiveRate: targetFalsePositiveRate,
            training: [
                "prompts": String(examples.count), "fit": String(fit.count), "calibration": String(calibration.count),
                "split": "one in five of each source held out (JailbreakExample.isHeldOut); of the rest, one in five calibrates",
                "hidden": String(hiddenSize), "epochs": String(trainer.epochs),
            ])
    }

    /// Every `n`-th index so that at most `count` remain (deterministic, spread over the sources).
    static func sample(_ indices: [Int], count: Int) -> [Int] {
        guard indices.count > count else { return indices }
        let step = Double(indices.count) / Double(count)
        return (0..<count).map { indices[Int(Double($0) * step)] }
    }

    /// Logistic regression of the labels on (logit, margin), by gradient descent.
    static func fitCombination(_ features: [(logit: Double, margin: Double)], labels: [Bool]) -> (Double, Double, Double) {
        var a = 1.0, c = 0.0, b = 0.0
        let count = Double(max(1, features.count))
        for _ in 0..<3000 {
            var ga = 0.0, gc = 0.0, gb = 0.0
            for (feature, label) in zip(features, labels) {
                let p = AttackHead.sigmoid(a * feature.logit + c * feature.margin + b)
                let error = p - (label ? 1 : 0)
                ga += error * feature.logit
                gc += error * feature.margin
                gb += error
            }
            a -= 0.1 * ga / count
            c -= 2.0 * gc / count
            b -= 0.1 * gb / count
        }
        return (a, c, b)
    }
}
