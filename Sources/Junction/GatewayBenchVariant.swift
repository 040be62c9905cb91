import ArgumentParser
import JunctionEncoder

/// One gateway set-up `junction bench gateway` measures: the encoder's precision and how its inference runs
/// (`fp32/2w`: fp32 on two inference workers; `int8/1w2t`: int8 on one worker whose products use 2 threads).
struct GatewayBenchVariant: Equatable, CustomStringConvertible {
    var precision: EncoderPrecision
    var workers: Int
    var threads: Int

    /// Parses `PRECISION/Nw` or `PRECISION/NwMt`.
    init(parsing text: Substring) throws {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/")
        guard parts.count == 2, let precision = EncoderPrecision(rawValue: String(parts[0])) else {
            throw ValidationError("--variants: '\(text)' is not PRECISION/Nw or PRECISION/NwMt (precision one of \(EncoderPrecision.names))")
        }
        let layout = parts[1]
        guard let w = layout.firstIndex(of: "w"), let workers = Int(layout[..<w]), workers >= 1 else {
            throw ValidationError("--variants: '\(text)': give the inference workers as Nw, for example fp32/2w")
        }
        var threads = 1
        let rest = layout[layout.index(after: w)...]
        if !rest.isEmpty {
            guard rest.hasSuffix("t"), let count = Int(rest.dropLast()), count >= 1 else {
                throw ValidationError("--variants: '\(text)': threads per product are written Mt, for example int8/1w2t")
            }
            threads = count
        }
        self.precision = precision
        self.workers = workers
        self.threads = threads
    }

    /// Parses a comma-separated list of variants.
    static func list(_ text: String) throws -> [GatewayBenchVariant] {
        let variants = try text.split(separator: ",").map(GatewayBenchVariant.init(parsing:))
        guard !variants.isEmpty else { throw ValidationError("--variants: give at least one variant") }
        return variants
    }

    var description: String { "\(precision.rawValue)/\(workers)w" + (threads > 1 ? "\(threads)t" : "") }

    /// The `encoder:` line of the gateway's config.
    func encoderYAML(model: String?) -> String {
        "encoder: {model: \(model.map { "\"\($0)\"" } ?? "null"), threads: \(threads), workers: \(workers), precision: \(precision.rawValue)}"
    }
}
