import Foundation

/// The learned half of PII detection: a token classifier (BIO tags) over the encoder's last-layer token
/// states (plus ``TokenFeatures``), the same states the sentence embedding is pooled from.
///
/// A text is read as words (a token and its `##` continuations); each word takes the label of its first
/// token, and consecutive words of one type form a span, scored by the mean probability of that type.
public struct PIITokenHead: Sendable {
    /// The encoder the head was trained on.
    public let modelName: String
    /// The encoder's hidden width.
    public let hiddenSize: Int
    /// The entity types the head tags.
    public let entityTypes: [EntityType]
    /// `O`, then `B-TYPE` and `I-TYPE` for each type.
    let labels: [String]
    let network: DenseNetwork
    /// How the head was trained, from its file.
    public let training: [String: String]

    /// The file kind.
    static let kind = "pii-tokens"

    /// Creates a head from a trained network.
    init(modelName: String, hiddenSize: Int, entityTypes: [EntityType], network: DenseNetwork, training: [String: String]) {
        self.modelName = modelName
        self.hiddenSize = hiddenSize
        self.entityTypes = entityTypes
        self.labels = Self.labels(for: entityTypes)
        self.network = network
        self.training = training
    }

    /// The BIO labels of some types.
    static func labels(for types: [EntityType]) -> [String] {
        ["O"] + types.flatMap { ["B-\($0.rawValue)", "I-\($0.rawValue)"] }
    }

    /// Loads a head file, checking it was trained on the encoder `modelName` of width `hiddenSize`.
    public static func load(from url: URL, modelName: String, hiddenSize: Int) throws(GuardError) -> PIITokenHead {
        let (file, network) = try HeadFile.load(url, kind: kind, model: modelName, hiddenSize: hiddenSize)
        let types = stride(from: 1, to: file.labels.count, by: 2).map {
            EntityType(String(file.labels[$0].dropFirst(2)))
        }
        guard file.labels == labels(for: types), network.inputSize == hiddenSize + TokenFeatures.count else {
            throw .headInvalid(url.path, "its labels or input width are not those of a BIO token head")
        }
        return PIITokenHead(modelName: modelName, hiddenSize: hiddenSize, entityTypes: types, network: network, training: file.training)
    }

    /// Writes the head to a file.
    public func write(to url: URL) throws {
        try HeadFile(
            kind: Self.kind, model: modelName, hiddenSize: hiddenSize, labels: labels, network: network,
            training: training
        ).write(to: url)
    }

    /// The network input of each token `tokenRange` of an encoded window (`states` is `[tokens × hidden]`).
    static func inputs(
        states: [Float], tokens: TokenizedWindow, tokenRange: Range<Int>, hiddenSize: Int, text: ScalarText
    ) -> [Float] {
        var inputs: [Float] = []
        inputs.reserveCapacity(tokenRange.count * (hiddenSize + TokenFeatures.count))
        for token in tokenRange {
            inputs.append(contentsOf: states[(token * hiddenSize)..<((token + 1) * hiddenSize)])
            TokenFeatures.append(
                span: tokens.offsets[token], isContinuation: tokens.isContinuation[token], text: text, to: &inputs)
        }
        return inputs
    }

    /// Label probabilities of the tokens `tokenRange` of one encoded window.
    func probabilities(states: [Float], tokens: TokenizedWindow, tokenRange: Range<Int>, text: ScalarText) -> [[Float]] {
        let width = hiddenSize + TokenFeatures.count
        let inputs = Self.inputs(states: states, tokens: tokens, tokenRange: tokenRange, hiddenSize: hiddenSize, text: text)
        return inputs.withUnsafeBufferPointer { all in
            (0..<tokenRange.count).map { row in
                network.probabilities(UnsafeBufferPointer(rebasing: all[(row * width)..<((row + 1) * width)]))
            }
        }
    }

    /// The spans the per-token label probabilities of a whole text describe.
    func decode(offsets: [Range<Int>], isContinuation: [Bool], probabilities: [[Float]]) -> [PIIFinding] {
        var findings: [PIIFinding] = []
        var current: (type: Int, span: Range<Int>, scores: [Float])?
        func close() {
            if let open = current {
                let score = Double(open.scores.reduce(0, +) / Float(open.scores.count))
                findings.append(PIIFinding(type: entityTypes[open.type], span: open.span, score: score, detector: "model"))
            }
            current = nil
        }
        var token = 0
        while token < offsets.count {
            var wordEnd = token + 1
            while wordEnd < offsets.count && isContinuation[wordEnd] { wordEnd += 1 }
            let span = offsets[token].lowerBound..<offsets[wordEnd - 1].upperBound
            let probs = probabilities[token]
            let label = probs.indices.max { probs[$0] < probs[$1] } ?? 0
            if label == 0 {
                close()
            } else {
                let type = (label - 1) / 2
                let inside = (label - 1) % 2 == 1
                let typeScore = probs[1 + 2 * type] + probs[2 + 2 * type]
                if inside, let open = current, open.type == type {
                    current = (type, open.span.lowerBound..<span.upperBound, open.scores + [typeScore])
                } else {
                    close()
                    current = (type, span, [typeScore])
                }
            }
            token = wordEnd
        }
        close()
        return findings
    }
}
