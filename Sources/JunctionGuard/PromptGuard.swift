import Foundation
import JunctionEncoder
import JunctionTokenizer

/// The guard's entry point for the gateway: finds PII, secrets and attacks in the messages of a
/// conversation from the same forward pass that makes the sentence embedding.
///
/// ```swift
/// let guard = try await PromptGuard.load(encoder: encoder, directory: PromptGuard.defaultHeadsDirectory(...))
/// let encoded = await encoder.encodeWithStates([routedText])[0]      // the router's own pass
/// let scan = await guard.scan(messageTexts, reusing: (index: last, encoded: encoded))
/// let decision = policy.decide(findings: scan.messages.map(\.findings), attackScore: scan.attackScore, ...)
/// ```
///
/// Each text is scanned by the structured recognizers (``RecognizerSet``) and by the token head
/// (``PIITokenHead``) over the encoder's token states, in windows so that long texts are read whole; its
/// attack score comes from ``AttackHead`` on the sentence embedding. Texts already scanned (earlier turns)
/// come from a small LRU keyed by their SHA-256; the others are encoded in one batch. Safe from any
/// number of tasks.
public final class PromptGuard: Sendable {
    /// The encoder whose states the heads read.
    public let encoder: SentenceEncoder
    /// The structured recognizers.
    public let recognizers: RecognizerSet
    /// The learned PII head.
    public let piiHead: PIITokenHead
    /// The attack head, with its reference lists.
    public let attackHead: AttackHead
    /// Findings scoring below this are not reported (the policy applies its own `min_score` on top).
    public let reportingFloor: Double
    private let cache: ScanCache

    /// Creates a guard from loaded heads. Throws `head_model_mismatch` when a head was trained on another
    /// encoder.
    public init(
        encoder: SentenceEncoder, piiHead: PIITokenHead, attackHead: AttackHead,
        recognizers: RecognizerSet = RecognizerSet(), reportingFloor: Double = 0.3, cacheCapacity: Int = 2048
    ) throws(GuardError) {
        for (name, model, width) in [("PII", piiHead.modelName, piiHead.hiddenSize), ("attack", attackHead.modelName, attackHead.hiddenSize)]
        where model != encoder.modelName || width != encoder.dimension {
            throw GuardError(
                code: "head_model_mismatch",
                message: "the \(name) head was trained on \(model) (\(width)-d) but the encoder is \(encoder.modelName) (\(encoder.dimension)-d)")
        }
        self.encoder = encoder
        self.piiHead = piiHead
        self.attackHead = attackHead
        self.recognizers = recognizers
        self.reportingFloor = reportingFloor
        self.cache = ScanCache(capacity: cacheCapacity)
    }

    /// File names of the heads in a heads directory.
    public static let piiHeadFile = "pii-head.json"
    /// File name of the attack head in a heads directory.
    public static let attackHeadFile = "attack-head.json"

    /// Loads `pii-head.json` and `attack-head.json` from `directory` (the committed ones live in the
    /// repository's `Models/guard/`) and adds the configured reference examples to the attack head,
    /// embedding them with `encoder`. `cacheCapacity` bounds the LRU of message scans (0 disables it).
    public static func load(
        encoder: SentenceEncoder, directory: URL, attackReferences: [String] = [], benignReferences: [String] = [],
        recognizers: RecognizerSet = RecognizerSet(), cacheCapacity: Int = 2048
    ) async throws(GuardError) -> PromptGuard {
        let pii = try PIITokenHead.load(
            from: directory.appendingPathComponent(piiHeadFile), modelName: encoder.modelName, hiddenSize: encoder.dimension)
        var attack = try AttackHead.load(
            from: directory.appendingPathComponent(attackHeadFile), modelName: encoder.modelName,
            hiddenSize: encoder.dimension)
        if !attackReferences.isEmpty || !benignReferences.isEmpty {
            let vectors = await encoder.embed(attackReferences + benignReferences).map(\.vector)
            attack = attack.adding(
                attack: Array(vectors.prefix(attackReferences.count)), benign: Array(vectors.dropFirst(attackReferences.count)))
        }
        return try PromptGuard(
            encoder: encoder, piiHead: pii, attackHead: attack, recognizers: recognizers, cacheCapacity: cacheCapacity)
    }

    /// Scans one text.
    public func scan(_ text: String) async -> MessageScan {
        await scan([text]).messages[0]
    }

    /// Scans the texts of a conversation (every message; tool results if the caller passes them).
    ///
    /// `reusing` hands over the encoding the caller already made of one of them (the routed message,
    /// from `SentenceEncoder.encodeWithStates`), so that text costs no second forward pass; the other
    /// texts not in the cache are encoded together in one call.
    public func scan(_ texts: [String], reusing: (index: Int, encoded: EncodedText)? = nil) async -> ConversationScan {
        var results = [MessageScan?](repeating: nil, count: texts.count)
        var keys: [Int: SHA256Key] = [:]
        var pending: [(index: Int, windows: TextWindows)] = []
        for (index, text) in texts.enumerated() {
            let key = ScanCache.key(text)
            if let cached = cache.scan(for: key) {
                results[index] = cached
                continue
            }
            keys[index] = key
            if let reusing, reusing.index == index, let windows = TextWindows(wholeText: reusing.encoded.tokens, maxLength: encoder.maxSequenceLength) {
                pending.append((index, windows))  // the caller's tokens already cover the whole text
            } else {
                pending.append((index, TextWindows(text: text, tokenizer: encoder.tokenizer, maxLength: encoder.maxSequenceLength)))
            }
        }
        var toEncode: [TokenizedText] = []
        var given: [Int: EncodedText] = [:]
        for (index, windows) in pending {
            for (number, window) in windows.windows.enumerated() {
                if number == 0, let reusing, reusing.index == index, reusing.encoded.tokens.ids == window.ids {
                    given[index] = reusing.encoded
                } else {
                    toEncode.append(window)
                }
            }
        }
        var encoded = await encoder.encodeWithStates(tokenized: toEncode)[...]
        for (index, windows) in pending {
            var passes: [EncodedText] = []
            for number in windows.windows.indices {
                if number == 0, let reused = given[index] {
                    passes.append(reused)
                } else {
                    passes.append(encoded.removeFirst())
                }
            }
            let scan = self.scan(text: texts[index], windows: windows, passes: passes)
            results[index] = scan
            if let key = keys[index] {
                cache.store(scan, for: key)
            }
        }
        return ConversationScan(messages: results.map { $0 ?? MessageScan(findings: [], attackScore: 0) })
    }

    /// Scans a text whose windows were encoded (`passes[i]` is `windows.windows[i]` through the encoder).
    func scan(text: String, windows: TextWindows, passes: [EncodedText]) -> MessageScan {
        let scalars = ScalarText(text)
        var offsets: [Range<Int>] = []
        var continuation: [Bool] = []
        var probabilities: [[Float]] = []
        var attack = 0.0
        for (number, pass) in passes.enumerated() {
            let window = TokenizedWindow(windows.windows[number])
            let pieces = windows.pieceRanges[number]
            let owned = windows.ownedRanges[number]
            let positions = (owned.lowerBound - pieces.lowerBound + 1)..<(owned.upperBound - pieces.lowerBound + 1)
            offsets += window.offsets[positions]
            continuation += window.isContinuation[positions]
            probabilities += piiHead.probabilities(
                states: pass.tokenStates, tokens: window, tokenRange: positions, text: scalars)
            attack = max(attack, attackHead.score(pass.embedding.vector))
        }
        let learned = piiHead.decode(offsets: offsets, isContinuation: continuation, probabilities: probabilities, text: scalars)
            .filter { $0.score >= reportingFloor }
        // Validated recognizer findings win over the head's where they overlap (a phone number is not a
        // street address because the head saw digits); the head fills in the rest.
        let structured = recognizers.findings(in: scalars, minimumScore: reportingFloor)
        let rest = RecognizerSet.withoutOverlaps(learned).filter { finding in
            !structured.contains { $0.span.overlaps(finding.span) }
        }
        return MessageScan(findings: (structured + rest).sorted { $0.start < $1.start }, attackScore: attack)
    }

    /// Number of message scans held in the cache.
    public var cachedScans: Int { cache.count }
}

typealias SHA256Key = ScanCache.Key
