import Foundation

/// The jailbreak and prompt-injection detector: a classifier on the sentence embedding, combined with
/// reference lists (nearest attack against nearest benign example, in cosine distance, the router's
/// units) into one score in [0, 1]:
///
///     score = σ(a · logit(head) + c · (d_benign − d_attack) + b)
///
/// where `d_attack` / `d_benign` are the cosine distances to the nearest reference of each list (1 when a
/// list is empty). `a`, `c`, `b` are fitted at training on held-out data. Users extend the lists in the
/// configuration without retraining: a new attack example pulls similar prompts up, a new benign one
/// pushes its neighbours down.
public struct AttackHead: Sendable {
    /// The encoder the head was trained on.
    public let modelName: String
    /// The encoder's width.
    public let hiddenSize: Int
    let network: DenseNetwork
    /// Weight of the head's logit, of the reference margin, and the bias.
    let a: Double, c: Double, b: Double
    /// Reference embeddings (unit vectors), attacks and benign prompts.
    var attackReferences: [[Float]]
    var benignReferences: [[Float]]
    /// The threshold chosen at training for the target false-positive rate (``thresholdFalsePositiveRate``).
    public let threshold: Double
    /// The false-positive rate on held-out data that ``threshold`` was chosen for.
    public let thresholdFalsePositiveRate: Double
    /// How the head was trained, from its file.
    public let training: [String: String]

    static let kind = "attack"

    init(modelName: String, hiddenSize: Int, network: DenseNetwork, a: Double, c: Double, b: Double,
         attackReferences: [[Float]], benignReferences: [[Float]], threshold: Double, thresholdFalsePositiveRate: Double,
         training: [String: String]) {
        self.modelName = modelName
        self.hiddenSize = hiddenSize
        self.network = network
        self.a = a
        self.c = c
        self.b = b
        self.attackReferences = attackReferences
        self.benignReferences = benignReferences
        self.threshold = threshold
        self.thresholdFalsePositiveRate = thresholdFalsePositiveRate
        self.training = training
    }

    /// Loads a head file, checking it was trained on the encoder `modelName` of width `hiddenSize`.
    public static func load(from url: URL, modelName: String, hiddenSize: Int) throws(GuardError) -> AttackHead {
        let (file, network) = try HeadFile.load(url, kind: kind, model: modelName, hiddenSize: hiddenSize)
        guard network.inputSize == hiddenSize, network.classCount == 2,
            let a = file.parameters["a"], let c = file.parameters["c"], let b = file.parameters["b"],
            let threshold = file.parameters["threshold"]
        else {
            throw .headInvalid(url.path, "it lacks the attack head's shape or parameters")
        }
        return AttackHead(
            modelName: modelName, hiddenSize: hiddenSize, network: network, a: a, c: c, b: b,
            attackReferences: file.references?["attack"]?.rows().map(Self.normalized) ?? [],
            benignReferences: file.references?["benign"]?.rows().map(Self.normalized) ?? [],
            threshold: threshold, thresholdFalsePositiveRate: file.parameters["threshold_fpr"] ?? 0.01,
            training: file.training)
    }

    /// Writes the head to a file.
    public func write(to url: URL) throws {
        try HeadFile(
            kind: Self.kind, model: modelName, hiddenSize: hiddenSize, labels: ["benign", "attack"], network: network,
            parameters: ["a": a, "c": c, "b": b, "threshold": threshold, "threshold_fpr": thresholdFalsePositiveRate],
            references: ["attack": QuantizedRows(rows: attackReferences), "benign": QuantizedRows(rows: benignReferences)],
            training: training
        ).write(to: url)
    }

    /// The head with more reference examples (unit-normalised embeddings).
    public func adding(attack: [[Float]], benign: [[Float]]) -> AttackHead {
        var head = self
        head.attackReferences += attack.map(Self.normalized)
        head.benignReferences += benign.map(Self.normalized)
        return head
    }

    /// Number of attack and benign references.
    public var referenceCounts: (attack: Int, benign: Int) { (attackReferences.count, benignReferences.count) }

    /// The attack score of a sentence embedding, in [0, 1].
    public func score(_ embedding: [Float]) -> Double {
        let (logit, margin) = parts(embedding)
        return Self.sigmoid(a * logit + c * margin + b)
    }

    /// The head's logit and the reference margin `d_benign − d_attack` of an embedding.
    func parts(_ embedding: [Float]) -> (logit: Double, margin: Double) {
        let probabilities = embedding.withUnsafeBufferPointer { network.probabilities($0) }
        let p = min(max(Double(probabilities[1]), 1e-7), 1 - 1e-7)
        let margin = Self.nearestDistance(embedding, benignReferences) - Self.nearestDistance(embedding, attackReferences)
        return (log(p / (1 - p)), margin)
    }

    /// Cosine distance to the nearest reference (1 with none); embeddings are unit vectors.
    static func nearestDistance(_ vector: [Float], _ references: [[Float]]) -> Double {
        var best: Float = -1
        for reference in references {
            var dot: Float = 0
            for index in 0..<min(vector.count, reference.count) {
                dot += vector[index] * reference[index]
            }
            best = max(best, dot)
        }
        return references.isEmpty ? 1 : Double(1 - best)
    }

    static func normalized(_ vector: [Float]) -> [Float] {
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
}
