import JunctionTokenizer

/// One window of tokens as the token head reads it: each token's span in the text and whether it
/// continues the previous token's word (`##`).
struct TokenizedWindow: Sendable {
    /// Spans in Unicode scalars (`0..<0` for `[CLS]` / `[SEP]`).
    var offsets: [Range<Int>]
    /// Whether each token is a `##` continuation.
    var isContinuation: [Bool]

    init(_ tokens: TokenizedText) {
        offsets = tokens.offsets ?? Array(repeating: 0..<0, count: tokens.count)
        isContinuation = tokens.tokens.map { $0.hasPrefix("##") }
    }
}

/// A text cut into windows the encoder can read (at most its maximum length, `[CLS]` and `[SEP]`
/// included), overlapping so that every token is read somewhere with context on both sides: nothing past
/// token 256 goes unscanned. A text that fits is one window, identical to `encodeWithOffsets(text)`, so
/// the gateway's own encoding of it can stand in for it.
struct TextWindows: Sendable {
    /// The windows, each framed by `[CLS]` and `[SEP]` and carrying offsets.
    let windows: [TokenizedText]
    /// For each window, the piece indices (0 = first token after `[CLS]` of the whole text) it holds.
    let pieceRanges: [Range<Int>]
    /// For each window, the pieces it is the one to read (the middle part of overlapping windows).
    let ownedRanges: [Range<Int>]

    /// Tokens shared by consecutive windows.
    static let overlap = 64

    /// The single window of a text already encoded with offsets, when that encoding holds the whole text
    /// (fewer than `maxLength` tokens, so nothing was truncated); `nil` otherwise.
    init?(wholeText tokens: TokenizedText, maxLength: Int) {
        guard tokens.offsets != nil, tokens.count >= 2, tokens.count < maxLength else {
            return nil
        }
        windows = [tokens]
        pieceRanges = [0..<(tokens.count - 2)]
        ownedRanges = pieceRanges
    }

    /// Cuts `text` into windows of at most `maxLength` tokens.
    init(text: String, tokenizer: WordPieceTokenizer, maxLength: Int) {
        let all = tokenizer.encodeWithOffsets(text, maxLength: .max)
        let pieces = all.count - 2
        let perWindow = max(1, maxLength - 2)
        guard pieces > perWindow else {
            windows = [all]
            pieceRanges = [0..<pieces]
            ownedRanges = [0..<pieces]
            return
        }
        let overlap = min(Self.overlap, perWindow / 2)
        let stride = perWindow - overlap
        var ranges: [Range<Int>] = []
        var start = 0
        while true {
            let end = min(pieces, start + perWindow)
            ranges.append(start..<end)
            if end == pieces { break }
            start += stride
        }
        let offsets = all.offsets ?? []
        windows = ranges.map { range in
            let ids = [all.ids[0]] + all.ids[(range.lowerBound + 1)..<(range.upperBound + 1)] + [all.ids[all.count - 1]]
            let tokens = [all.tokens[0]] + all.tokens[(range.lowerBound + 1)..<(range.upperBound + 1)] + [all.tokens[all.count - 1]]
            let spans = [0..<0] + offsets[(range.lowerBound + 1)..<(range.upperBound + 1)] + [0..<0]
            return TokenizedText(ids: ids, tokens: tokens, offsets: spans)
        }
        pieceRanges = ranges
        ownedRanges = ranges.indices.map { index in
            let lower = index == 0 ? 0 : ranges[index].lowerBound + overlap / 2
            let upper = index == ranges.count - 1 ? pieces : ranges[index + 1].lowerBound + overlap / 2
            return lower..<upper
        }
    }
}
