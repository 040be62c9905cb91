import Foundation
import Hummingbird
import JunctionEmbeddings
import JunctionEncoder
import JunctionJSON

extension Gateway {
    /// The body of `POST /v1/embeddings` as far as Junction reads it.
    struct EmbeddingsRequest: Decodable {
        var input: [String]
        var model: String?
        var encodingFormat: String?
        var dimensions: Int?

        enum CodingKeys: String, CodingKey {
            case input
            case model
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
            model = try container.decodeIfPresent(String.self, forKey: .model)
            encodingFormat = try container.decodeIfPresent(String.self, forKey: .encodingFormat)
            dimensions = try container.decodeIfPresent(Int.self, forKey: .dimensions)
        }
    }

    /// `POST /v1/embeddings`: the model the request names when Junction has it — its own encoder, by its
    /// Hugging Face name or that name without its owner (`all-MiniLM-L6-v2`), or another model installed in
    /// the registry it came from (loaded once, on first use) — else 404 `model_not_found`; no `model` means
    /// the gateway's own. `encoding_format` `float` (default) or `base64`. Texts go through the embeddings
    /// cache when the embedder has one, so a repeated text is not embedded again.
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
        let embedder = try await embeddingsModel(named: request.model)
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
        let started = ContinuousClock.now
        do {
            vectors = try await embedder.vectors(for: request.input)
        } catch {
            throw GatewayError(code: "embedding_failed", status: 502, message: "embedding with \(embedder.modelName) failed: \(error)")
        }
        metrics.stage(.embed, ContinuousClock.now - started)
        // Usage counts the model's tokens, special tokens included (a cache hit did not run the model).
        let local = ((embedder as? CachedEmbedder)?.base ?? embedder) as? SentenceEncoder
        let tokens = local.map { encoder in request.input.reduce(0) { $0 + encoder.tokenizer.encode($1).count } } ?? 0
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

    /// The embedder serving `model` (see `embeddings(body:exchange:)`); 404 `model_not_found` when Junction
    /// has no such model, 503 `model_unavailable` when an installed one fails to load.
    func embeddingsModel(named model: String?) async throws(GatewayError) -> any TextEmbedder {
        guard let model, !model.isEmpty else { return embedder }
        func names(_ name: String) -> Bool { model == name || name.hasSuffix("/" + model) }
        if names(embedder.modelName) { return embedder }
        guard let embedders, let installed = embedders.installedModelNames.first(where: names) else {
            let served = ([embedder.modelName] + (embedders?.installedModelNames ?? [])).uniqued()
            throw GatewayError(
                code: "model_not_found", status: 404,
                message: "The model '\(model)' does not exist here: Junction's embeddings models are \(served.joined(separator: ", "))",
                param: "model"
            )
        }
        do {
            return try await embedders.embedder(type: "hf", model: installed)
        } catch {
            throw GatewayError(code: "model_unavailable", status: 503, message: error.message)
        }
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

extension Array where Element: Hashable {
    /// The elements in order, each once.
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
