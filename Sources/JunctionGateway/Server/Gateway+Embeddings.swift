import Foundation
import Hummingbird
import JunctionEncoder
import JunctionJSON

extension Gateway {
    /// The body of `POST /v1/embeddings` as far as Junction reads it.
    struct EmbeddingsRequest: Decodable {
        var input: [String]
        var encodingFormat: String?
        var dimensions: Int?

        enum CodingKeys: String, CodingKey {
            case input
            case encodingFormat = "encoding_format"
            case dimensions
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let single = try? container.decode(String.self, forKey: .input) {
                input = [single]
            } else if let many = try? container.decode([String].self, forKey: .input) {
                input = many
            } else if container.contains(.input) {
                throw DecodingError.typeMismatch(
                    String.self,
                    DecodingError.Context(codingPath: [CodingKeys.input], debugDescription: "a string or an array of strings (token arrays are not supported)")
                )
            } else {
                throw DecodingError.keyNotFound(CodingKeys.input, DecodingError.Context(codingPath: [], debugDescription: "input"))
            }
            encodingFormat = try container.decodeIfPresent(String.self, forKey: .encodingFormat)
            dimensions = try container.decodeIfPresent(Int.self, forKey: .dimensions)
        }
    }

    /// `POST /v1/embeddings`: Junction's own sentence encoder, whatever `model` the request names (the
    /// answer names the encoder's model); `encoding_format` `float` (default) or `base64`.
    func embeddings(body: [UInt8], exchange: Exchange) async throws(GatewayError) -> Response {
        let request: EmbeddingsRequest
        do {
            request = try JSONDecoder().decode(EmbeddingsRequest.self, from: Data(body))
        } catch let error as DecodingError {
            throw RequestDecoding.gatewayError(error)
        } catch {
            throw GatewayError.invalidJSON("\(error)")
        }
        guard !request.input.isEmpty, request.input.count <= 2048 else {
            throw GatewayError.invalidRequest("'input' must hold between 1 and 2048 texts, got \(request.input.count)", param: "input")
        }
        if let position = request.input.firstIndex(where: \.isEmpty) {
            throw GatewayError.invalidRequest("'input' must not contain empty strings", param: "input[\(position)]")
        }
        let format = request.encodingFormat ?? "float"
        guard format == "float" || format == "base64" else {
            throw GatewayError.invalidRequest("'encoding_format' must be float or base64, got '\(format)'", param: "encoding_format")
        }
        if let dimensions = request.dimensions, dimensions != embedder.dimension {
            throw GatewayError.invalidRequest(
                "'dimensions' must be \(embedder.dimension) for \(embedder.modelName), got \(dimensions)", param: "dimensions"
            )
        }
        exchange.update {
            $0.model = embedder.modelName
            $0.outcome = .forwarded
        }
        let vectors: [[Float]]
        var tokens = 0
        let started = ContinuousClock.now
        if let encoder = embedder as? SentenceEncoder {
            let embedded = await encoder.embed(request.input)
            vectors = embedded.map(\.vector)
            tokens = embedded.reduce(0) { $0 + $1.tokenCount }
        } else {
            vectors = try await embed(request.input)
        }
        metrics.stage(.embed, ContinuousClock.now - started)
        var text = "{\"object\":\"list\",\"data\":["
        for (index, vector) in vectors.enumerated() {
            if index > 0 { text += "," }
            text += "{\"object\":\"embedding\",\"index\":\(index),\"embedding\":"
            text += format == "base64" ? JSONText.quote(Self.base64(vector)) : "[" + vector.map { "\($0)" }.joined(separator: ",") + "]"
            text += "}"
        }
        text += "],\"model\":\(JSONText.quote(embedder.modelName)),\"usage\":{\"prompt_tokens\":\(tokens),\"total_tokens\":\(tokens)}}"
        return Response.json(text)
    }

    /// Little-endian float32 bytes in base64, as OpenAI's `encoding_format: base64`.
    static func base64(_ vector: [Float]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(vector.count * 4)
        for value in vector {
            let bits = value.bitPattern.littleEndian
            withUnsafeBytes(of: bits) { bytes.append(contentsOf: $0) }
        }
        return Data(bytes).base64EncodedString()
    }
}
