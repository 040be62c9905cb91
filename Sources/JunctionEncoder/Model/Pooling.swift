/// How token vectors become one sentence vector, as sentence-transformers'
/// `1_Pooling/config.json` says.
public enum Pooling: String, Sendable, Equatable {
    /// Average of the token vectors (MiniLM).
    case mean
    /// The `[CLS]` token's vector (bge).
    case cls
    /// Element-wise maximum over the tokens.
    case max
    /// Sum of the token vectors divided by the square root of their count.
    case meanSquareRootLength

    /// Reads the pooling mode from a sentence-transformers pooling config.
    init(poolingConfig json: [String: Any], path: String) throws(EncoderError) {
        let flags: [(String, Pooling)] = [
            ("pooling_mode_cls_token", .cls), ("pooling_mode_mean_tokens", .mean),
            ("pooling_mode_max_tokens", .max), ("pooling_mode_mean_sqrt_len_tokens", .meanSquareRootLength),
        ]
        let chosen = flags.filter { json[$0.0] as? Bool == true }.map(\.1)
        if let mode = json["pooling_mode"] as? String, let named = Pooling(sentenceTransformersName: mode), chosen.isEmpty {
            self = named
            return
        }
        guard chosen.count == 1 else {
            throw EncoderError.unsupported(path, chosen.isEmpty
                ? "no pooling mode is set"
                : "several pooling modes are set at once (concatenated pooling is not supported)")
        }
        self = chosen[0]
    }

    private init?(sentenceTransformersName name: String) {
        switch name {
        case "mean": self = .mean
        case "cls": self = .cls
        case "max": self = .max
        case "mean_sqrt_len_tokens": self = .meanSquareRootLength
        default: return nil
        }
    }

    /// Pools `rows` token vectors of width `n` into `target[n]`.
    func pool(_ tokens: UnsafePointer<Float>, rows: Int, columns n: Int, into target: UnsafeMutablePointer<Float>) {
        switch self {
        case .cls:
            target.update(from: tokens, count: n)
        case .max:
            target.update(from: tokens, count: n)
            for row in 1..<Swift.max(rows, 1) {
                let v = tokens + row * n
                for i in 0..<n { target[i] = Swift.max(target[i], v[i]) }
            }
        case .mean, .meanSquareRootLength:
            target.update(repeating: 0, count: n)
            for row in 0..<rows {
                let v = tokens + row * n
                for i in 0..<n { target[i] += v[i] }
            }
            let divisor = self == .mean ? Float(rows) : Float(rows).squareRoot()
            for i in 0..<n { target[i] /= divisor }
        }
    }
}
