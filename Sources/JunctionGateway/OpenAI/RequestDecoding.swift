/// Turns a `DecodingError` of a request body into the gateway's 400s: `invalid_json` for text that is not
/// JSON, `invalid_request` naming the field (`messages[0].role`) for JSON of the wrong shape.
enum RequestDecoding {
    static func gatewayError(_ error: DecodingError) -> GatewayError {
        switch error {
        case .keyNotFound(let key, let context):
            let param = path(context.codingPath + [key])
            return GatewayError.invalidRequest("missing required parameter: '\(param)'", param: param)
        case .typeMismatch(let type, let context):
            let param = path(context.codingPath)
            if param.isEmpty { return GatewayError.invalidRequest("the request body must be a JSON object", param: nil) }
            return GatewayError.invalidRequest("'\(param)' must be \(describe(type, context))", param: param)
        case .valueNotFound(let type, let context):
            let param = path(context.codingPath)
            return GatewayError.invalidRequest("'\(param)' must be \(describe(type, context)), not null", param: param)
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                let detail = (context.underlyingError.map { "\($0)" } ?? context.debugDescription)
                return GatewayError.invalidJSON(detail.count > 200 ? String(detail.prefix(200)) : detail)
            }
            let param = path(context.codingPath)
            return GatewayError.invalidRequest("'\(param)' is invalid: \(context.debugDescription)", param: param)
        @unknown default:
            return GatewayError.invalidRequest("the request body is invalid", param: nil)
        }
    }

    /// `messages[0].content` from a coding path.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }

    private static func describe(_ type: Any.Type, _ context: DecodingError.Context) -> String {
        if !context.debugDescription.isEmpty, context.debugDescription.hasPrefix("a ") { return context.debugDescription }
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is Int.Type: return "an integer"
        case is Double.Type: return "a number"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "an array" }
            return name.hasPrefix("Dictionary") || name.hasPrefix("KeyedDecodingContainer") ? "an object" : "of another type"
        }
    }
}
