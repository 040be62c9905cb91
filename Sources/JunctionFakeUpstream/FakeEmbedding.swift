import Foundation

/// The fake upstream's embeddings: deterministic, and close for texts that share words, so a semantic cache
/// built on them behaves as on a real model for paraphrases made of the same words.
///
/// Each lowercased word (a run of letters and digits) draws a pseudo-random vector seeded by its FNV-1a
/// hash; a text's vector is the normalised sum of its words' (of the whole text when it has no word). The
/// same text gives the same vector in every process and through every URL shape.
enum FakeEmbedding {
    /// The unit vector of `text`, `dimensions` wide.
    static func vector(_ text: String, dimensions: Int) -> [Float] {
        let lowered = text.lowercased()
        var words = lowered.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        if words.isEmpty { words = [lowered] }
        var sum = [Double](repeating: 0, count: dimensions)
        for word in words {
            var state = fnv1a(word)
            for index in 0..<dimensions {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                sum[index] += Double(z >> 11) / Double(1 << 53) * 2 - 1
            }
        }
        let norm = sum.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return sum.map { Float($0 / max(norm, 1e-12)) }
    }

    /// 64-bit FNV-1a of the UTF-8 bytes.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The `{"object": "list", "data": [...], "model", "usage"}` answer, each embedding a JSON list of numbers
    /// or, with `base64`, the little-endian float32 bytes in base64.
    static func answer(_ vectors: [[Float]], model: String, base64: Bool, promptTokens: Int) -> Data {
        var text = "{\"object\":\"list\",\"data\":["
        for (index, vector) in vectors.enumerated() {
            if index > 0 { text += "," }
            text += "{\"object\":\"embedding\",\"index\":\(index),\"embedding\":"
            if base64 {
                var bytes = Data(capacity: vector.count * 4)
                for value in vector { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
                text += "\"" + bytes.base64EncodedString() + "\""
            } else {
                text += "[" + vector.map { "\($0)" }.joined(separator: ",") + "]"
            }
            text += "}"
        }
        let name = String(decoding: FakeChatCompletion.json(["model": model]), as: UTF8.self)
        text += "]," + name.dropFirst().dropLast() + ",\"usage\":{\"prompt_tokens\":\(promptTokens),\"total_tokens\":\(promptTokens)}}"
        return Data(text.utf8)
    }
}
