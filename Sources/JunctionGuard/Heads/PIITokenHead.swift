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
    ///
    /// Words of one type form a span, a `B-` word starting a new one (except in addresses, which the
    /// head often restarts on a new line: two address spans separated by nothing but spaces and
    /// punctuation are one). A span never starts or ends with a word of punctuation alone (a trailing `.`
    /// of `Mrs.` is kept when it touches the word before). An address of one word needs a digit; a
    /// name, place or organisation with no capital letter needs a confident head (0.9).
    func decode(offsets: [Range<Int>], isContinuation: [Bool], probabilities: [[Float]], text: ScalarText) -> [PIIFinding] {
        var words: [(span: Range<Int>, type: Int?, begins: Bool, score: Float)] = []
        var token = 0
        while token < offsets.count {
            var wordEnd = token + 1
            while wordEnd < offsets.count && isContinuation[wordEnd] { wordEnd += 1 }
            let probs = probabilities[token]
            let label = probs.indices.max { probs[$0] < probs[$1] } ?? 0
            let type = label == 0 ? nil : (label - 1) / 2
            let score = type.map { probs[1 + 2 * $0] + probs[2 + 2 * $0] } ?? 0
            words.append((offsets[token].lowerBound..<offsets[wordEnd - 1].upperBound, type, label % 2 == 1, score))
            token = wordEnd
        }
        var spans: [(type: Int, words: Range<Int>)] = []
        var index = 0
        while index < words.count {
            guard let type = words[index].type else {
                index += 1
                continue
            }
            let address = entityTypes[type] == .streetAddress
            var end = index + 1
            while end < words.count && words[end].type == type && (address || !words[end].begins) { end += 1 }
            if address, let last = spans.last, last.type == type, Self.onlySeparators(between: words[last.words.upperBound - 1].span.upperBound, and: words[index].span.lowerBound, in: text, allowingWords: words[last.words.upperBound..<index].allSatisfy { Self.isPunctuation($0.span, in: text) }) {
                spans[spans.count - 1].words = last.words.lowerBound..<end
            } else {
                spans.append((type, index..<end))
            }
            index = end
        }
        return spans.compactMap { span in
            var range = span.words
            while !range.isEmpty && Self.isPunctuation(words[range.lowerBound].span, in: text) {
                range = (range.lowerBound + 1)..<range.upperBound
            }
            while range.count > 1 && Self.isPunctuation(words[range.upperBound - 1].span, in: text)
                && !(text[words[range.upperBound - 1].span.lowerBound] == 0x2E && words[range.upperBound - 1].span.count == 1
                    && words[range.upperBound - 2].span.upperBound == words[range.upperBound - 1].span.lowerBound)
            {
                range = range.lowerBound..<(range.upperBound - 1)
            }
            guard !range.isEmpty, !(range.count == 1 && Self.isPunctuation(words[range.lowerBound].span, in: text)) else {
                return nil
            }
            let scores = words[range].map(\.score)
            let score = Double(scores.reduce(0, +) / Float(scores.count))
            let covered = words[range.lowerBound].span.lowerBound..<words[range.upperBound - 1].span.upperBound
            let type = entityTypes[span.type]
            if type == .streetAddress && range.count == 1 && !covered.contains(where: { text.isDigit($0) }) {
                return nil
            }
            if [.person, .organization, .gpe].contains(type) && score < 0.9 && !Self.hasCapital(covered, in: text) {
                return nil
            }
            return PIIFinding(
                type: entityTypes[span.type], span: words[range.lowerBound].span.lowerBound..<words[range.upperBound - 1].span.upperBound,
                score: score, detector: "model")
        }
    }

    /// Whether a span has an uppercase letter, or a letter of a script without case (CJK, Arabic...).
    static func hasCapital(_ span: Range<Int>, in text: ScalarText) -> Bool {
        span.contains { index in
            guard let scalar = Unicode.Scalar(text[index]), scalar.properties.isAlphabetic else { return false }
            return scalar.properties.isUppercase || (!scalar.properties.isLowercase && !scalar.properties.changesWhenUppercased)
        }
    }

    /// Whether a word has no letter or digit.
    static func isPunctuation(_ span: Range<Int>, in text: ScalarText) -> Bool {
        !span.contains { text.isWordCharacter($0) }
    }

    /// Whether the text between two spans is only whitespace and punctuation (at most 4 scalars).
    static func onlySeparators(between start: Int, and end: Int, in text: ScalarText, allowingWords: Bool) -> Bool {
        guard allowingWords, end >= start, end - start <= 4 else { return false }
        return !(start..<end).contains { text.isWordCharacter($0) }
    }
}
