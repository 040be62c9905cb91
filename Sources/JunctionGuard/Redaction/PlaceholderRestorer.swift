/// Puts original values back in place of placeholders in an answer, in one piece or over a stream of
/// text deltas (SSE `content` chunks) where a placeholder may be split across deltas.
///
/// ``feed(_:)`` returns what can be shown now and holds back a tail that could still become a placeholder
/// (a `<` followed by a proper prefix of one); ``finish()`` releases it at the end of the stream.
public struct PlaceholderRestorer: Sendable {
    private let originals: [String: [UInt8]]
    private let placeholders: [[UInt8]]
    private var held: [UInt8] = []

    /// A restorer for a request's placeholders (``Redactor/originals``).
    public init(originals: [String: String]) {
        self.originals = Dictionary(uniqueKeysWithValues: originals.map { ($0.key, Array($0.value.utf8)) })
        self.placeholders = originals.keys.map { Array($0.utf8) }.sorted { $0.count > $1.count }
    }

    /// `text` with every placeholder restored.
    public static func restore(_ text: String, originals: [String: String]) -> String {
        var restorer = PlaceholderRestorer(originals: originals)
        return restorer.feed(text) + restorer.finish()
    }

    /// The restored text that can be emitted after this delta.
    public mutating func feed(_ delta: String) -> String {
        guard !placeholders.isEmpty else {
            return delta
        }
        let buffer = held + Array(delta.utf8)
        held = []
        var output: [UInt8] = []
        output.reserveCapacity(buffer.count)
        var index = 0
        scan: while index < buffer.count {
            guard buffer[index] == 0x3C else {  // <
                output.append(buffer[index])
                index += 1
                continue
            }
            let rest = buffer[index...]
            for placeholder in placeholders {
                if rest.starts(with: placeholder) {
                    output.append(contentsOf: originals[String(decoding: placeholder, as: UTF8.self)] ?? placeholder)
                    index += placeholder.count
                    continue scan
                }
                if rest.count < placeholder.count && placeholder.starts(with: rest) {
                    held = Array(rest)
                    break scan
                }
            }
            output.append(buffer[index])
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whatever is still held back, at the end of the stream.
    public mutating func finish() -> String {
        defer { held = [] }
        return String(decoding: held, as: UTF8.self)
    }
}
