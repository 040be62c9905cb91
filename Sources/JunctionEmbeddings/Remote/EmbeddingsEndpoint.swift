import JunctionJSON

/// Where one model's embeddings requests go and what they carry, for one provider: a pure value, so the
/// URL shapes and headers are tested without I/O.
struct EmbeddingsEndpoint: Sendable, Equatable {
    /// The full URL, query included.
    var url: String
    /// Header names (lowercase) and values, authentication included.
    var headers: [String: String]
    /// The `model` field of the body: the model (OpenAI) or the deployment (Azure).
    var model: String

    /// The endpoint of `model` under `configuration`.
    init(configuration: RemoteEmbeddingsConfiguration, model: String) {
        let base = configuration.trimmedBaseURL
        let key = configuration.apiKey ?? ""
        headers = ["content-type": "application/json", "accept": "application/json"]
        switch configuration.provider {
        case .openAI:
            url = base + "/embeddings"
            headers["authorization"] = "Bearer \(key)"
            self.model = model
        case .azureOpenAI:
            let deployment = configuration.deployment(for: model)
            if configuration.isAzureV1 {
                url = base + "/embeddings"
            } else {
                url = base + "/openai/deployments/\(Self.pathComponent(deployment))/embeddings?api-version="
                    + Self.pathComponent(configuration.apiVersion ?? "")
            }
            headers["api-key"] = key
            self.model = deployment
        }
    }

    /// `{"input": [...], "model": ..., "encoding_format": "base64"}`: base64 float32s are a quarter of the
    /// bytes of JSON numbers, and what OpenAI's own SDK asks for.
    func body(for texts: [String]) -> [UInt8] {
        var text = "{\"input\":["
        for (index, input) in texts.enumerated() {
            if index > 0 { text += "," }
            text += JSONText.quote(input)
        }
        text += "],\"model\":" + JSONText.quote(model) + ",\"encoding_format\":\"base64\"}"
        return Array(text.utf8)
    }

    /// Percent-encodes what may not stand in a URL path or query value.
    static func pathComponent(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
