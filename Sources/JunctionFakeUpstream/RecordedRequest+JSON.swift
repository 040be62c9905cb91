import Foundation

extension RecordedRequest {
    /// The body parsed as a JSON object, or an empty dictionary when it is not one (`json` tells them apart).
    public var jsonObject: [String: Any] {
        json ?? [:]
    }

    /// The request as `GET /_requests` lists it: `method`, `path`, `query`, `headers`, `body` (the text) and `json`
    /// (the body parsed, or null).
    var listing: [String: Any] {
        let parsed = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
        return [
            "method": method,
            "path": path,
            "query": query,
            "headers": headers,
            "body": String(decoding: body, as: UTF8.self),
            "json": parsed ?? NSNull(),
        ]
    }
}
