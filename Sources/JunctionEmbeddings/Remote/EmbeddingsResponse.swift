import Foundation

/// Reads an embeddings API's answer: the vectors of `{"data": [{"index", "embedding"}]}` in input order,
/// each a JSON array of numbers or base64 little-endian float32s, and the message of an error body.
enum EmbeddingsResponse {
    /// The vectors of a successful answer for `count` inputs, in input order.
    ///
    /// Throws `invalid_response` when the body is not that shape, holds another number of vectors, or
    /// vectors of different widths.
    static func vectors(_ body: [UInt8], count: Int, provider: String) throws(EmbeddingsError) -> [[Float]] {
        func invalid(_ why: String) -> EmbeddingsError {
            EmbeddingsError(code: "invalid_response", message: "\(provider) embeddings: \(why)")
        }
        guard let root = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any],
              let data = root["data"] as? [[String: Any]]
        else { throw invalid("the answer is not an embeddings list") }
        guard data.count == count else { throw invalid("\(data.count) embeddings for \(count) inputs") }
        var vectors = [[Float]?](repeating: nil, count: count)
        for (position, item) in data.enumerated() {
            let index = (item["index"] as? Int) ?? position
            guard index >= 0, index < count, vectors[index] == nil else { throw invalid("embedding index \(index) is out of place") }
            if let encoded = item["embedding"] as? String {
                guard let decoded = decodeBase64(encoded) else { throw invalid("embedding \(index) is not base64 float32s") }
                vectors[index] = decoded
            } else if let numbers = item["embedding"] as? [NSNumber] {
                vectors[index] = numbers.map(\.floatValue)
            } else {
                throw invalid("embedding \(index) is neither a list of numbers nor base64")
            }
        }
        let result = vectors.compactMap { $0 }
        guard let width = result.first?.count, width > 0, result.allSatisfy({ $0.count == width }) else {
            throw invalid("the embeddings are empty or of different widths")
        }
        return result
    }

    /// `error.message` of an OpenAI- or Azure-shaped error body, shortened; nil when there is none.
    static func errorMessage(_ body: [UInt8]) -> String? {
        guard let root = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any],
              let error = root["error"] as? [String: Any],
              let message = error["message"] as? String
        else { return nil }
        return message.count > 300 ? String(message.prefix(300)) + "…" : message
    }

    /// Little-endian float32s from base64, as OpenAI's `encoding_format: base64` sends them.
    static func decodeBase64(_ text: String) -> [Float]? {
        guard let data = Data(base64Encoded: text), data.count % 4 == 0 else { return nil }
        return data.withUnsafeBytes { raw in
            (0..<(data.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
    }
}
