import Hummingbird
import JunctionJSON

extension GatewayError {
    /// OpenAI's error body: `{"error": {"message", "type", "param", "code"}}`.
    public var json: String {
        "{\"error\":{\"message\":\(JSONText.quote(message)),\"type\":\(JSONText.quote(type)),"
            + "\"param\":\(JSONText.optionalString(param)),\"code\":\(JSONText.quote(code))}}"
    }

    /// The error as an HTTP response with OpenAI's body.
    var response: Response {
        Response.json(json, status: HTTPResponse.Status(code: status))
    }
}

extension Response {
    /// A JSON response.
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        json(bytes: ByteBuffer(string: text), status: status)
    }

    /// A JSON response of these bytes.
    static func json(bytes: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: bytes))
    }
}
