import ArgumentParser
import Foundation

/// One line of a `junction cache eval` data file.
struct CachePair: Decodable {
    var a: String
    var b: String
    var duplicate: Bool

    /// The pairs of a JSON Lines file; a bad line is an error naming its number.
    static func load(_ path: String) throws -> [CachePair] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ValidationError("--data: cannot read \(path): \(error.localizedDescription)")
        }
        var pairs: [CachePair] = []
        let decoder = JSONDecoder()
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            guard let pair = try? decoder.decode(CachePair.self, from: Data(line.utf8)), !pair.a.isEmpty, !pair.b.isEmpty else {
                throw ValidationError("\(path) line \(number + 1): expected {\"a\": text, \"b\": text, \"duplicate\": true|false} with non-empty texts")
            }
            pairs.append(pair)
        }
        guard !pairs.isEmpty else { throw ValidationError("\(path) has no pairs") }
        guard pairs.contains(where: \.duplicate) else { throw ValidationError("\(path) has no duplicate pairs: recall is undefined") }
        return pairs
    }
}
