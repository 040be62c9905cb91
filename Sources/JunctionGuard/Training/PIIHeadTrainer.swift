import JunctionEncoder

/// Trains the ``PIITokenHead`` from labelled texts: each text through the encoder in windows (as
/// ``PromptGuard`` reads it), each token labelled `B-`/`I-`/`O` from the gold spans, then a small MLP fitted
/// by ``NetworkTrainer``.
public struct PIIHeadTrainer: Sendable {
    /// The types the head learns. Default: the entities recognizers cannot validate (names, places,
    /// addresses, organisations, ages, groups, titles, dates) plus the context-dependent ZIP codes,
    /// driver's licenses and phone numbers of other countries.
    public var entityTypes: [EntityType] = [
        .person, .gpe, .streetAddress, .organization, .age, .nrp, .title, .dateTime, .zipCode, .usDriverLicense,
        .phoneNumber,
    ]
    /// Hidden width of the head. Default 128.
    public var hiddenSize = 128
    /// The optimiser's settings: 12 epochs and a stronger weight decay than the default, since the
    /// training sentences come from templates and a head that memorises them tags template words.
    public var trainer: NetworkTrainer = {
        var trainer = NetworkTrainer()
        trainer.epochs = 12
        trainer.weightDecay = 1e-3
        return trainer
    }()

    /// Creates a trainer with the documented defaults.
    public init() {}

    /// Encodes the examples and builds the head's inputs and labels; `progress` is told how many texts are done.
    func dataset(
        _ examples: [PIIExample], encoder: SentenceEncoder, progress: (Int) -> Void
    ) async -> (inputs: [Float], labels: [Int]) {
        var inputs: [Float] = []
        var labels: [Int] = []
        let batch = 32
        for start in stride(from: 0, to: examples.count, by: batch) {
            let slice = Array(examples[start..<min(examples.count, start + batch)])
            let windows = slice.map { TextWindows(text: $0.text, tokenizer: encoder.tokenizer, maxLength: encoder.maxSequenceLength) }
            var passes = await encoder.encodeWithStates(tokenized: windows.flatMap(\.windows))[...]
            for (example, textWindows) in zip(slice, windows) {
                let text = ScalarText(example.text)
                var seen = Set<Int>()
                for (number, window) in textWindows.windows.enumerated() {
                    let pass = passes.removeFirst()
                    let tokens = TokenizedWindow(window)
                    let pieces = textWindows.pieceRanges[number]
                    let owned = textWindows.ownedRanges[number]
                    let positions = (owned.lowerBound - pieces.lowerBound + 1)..<(owned.upperBound - pieces.lowerBound + 1)
                    inputs += PIITokenHead.inputs(
                        states: pass.tokenStates, tokens: tokens, tokenRange: positions, hiddenSize: encoder.dimension, text: text)
                    for position in positions {
                        labels.append(label(of: tokens.offsets[position], in: example, seen: &seen))
                    }
                }
            }
            progress(min(examples.count, start + batch))
        }
        return (inputs, labels)
    }

    /// The BIO label index of a token: `B-` for the first token inside a gold span, `I-` for the next.
    func label(of span: Range<Int>, in example: PIIExample, seen: inout Set<Int>) -> Int {
        guard !span.isEmpty else { return 0 }
        for (number, entity) in example.entities.enumerated() {
            guard let type = entityTypes.firstIndex(of: entity.type.evaluationName) else { continue }
            let overlap = min(span.upperBound, entity.span.upperBound) - max(span.lowerBound, entity.span.lowerBound)
            if overlap * 2 > span.count {
                return seen.insert(number).inserted ? 1 + 2 * type : 2 + 2 * type
            }
        }
        return 0
    }

    /// Trains a head on `examples`; `progress` receives lines to show.
    public func train(
        _ examples: [PIIExample], encoder: SentenceEncoder, progress: (String) -> Void = { _ in }
    ) async -> PIITokenHead {
        let (inputs, labels) = await dataset(examples, encoder: encoder) { done in
            if done % 256 == 0 || done == examples.count { progress("encoded \(done)/\(examples.count) texts") }
        }
        let width = encoder.dimension + TokenFeatures.count
        var network = DenseNetwork(inputSize: width, hiddenSize: hiddenSize, classCount: 1 + 2 * entityTypes.count)
        trainer.train(&network, inputs: inputs, labels: labels) { epoch, loss in
            progress("epoch \(epoch)/\(trainer.epochs): loss \(String(format4: loss)) over \(labels.count) tokens")
        }
        return PIITokenHead(
            modelName: encoder.modelName, hiddenSize: encoder.dimension, entityTypes: entityTypes, network: network,
            training: [
                "texts": String(examples.count), "tokens": String(labels.count),
                "split": "templates outside the held-out fifth (PIIExample.isHeldOut)",
                "epochs": String(trainer.epochs), "hidden": String(hiddenSize),
            ])
    }
}

extension String {
    /// A number with 4 decimals, without Foundation's locale-dependent formatting.
    init(format4 value: Float) {
        let scaled = (Double(value) * 10_000).rounded()
        let sign = scaled < 0 ? "-" : ""
        let magnitude = Int(abs(scaled))
        let fraction = String(magnitude % 10_000)
        self = "\(sign)\(magnitude / 10_000).\(String(repeating: "0", count: 4 - fraction.count))\(fraction)"
    }
}
