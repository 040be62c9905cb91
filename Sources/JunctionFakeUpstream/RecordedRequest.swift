import Foundation

/// One request the fake upstream received, as it arrived.
public struct RecordedRequest: Sendable, Equatable {
    /// The HTTP method.
    public var method: String
    /// The path, e.g. `/v1/chat/completions`.
    public var path: String
    /// The query, without `?` (`api-version=2024-10-21`); empty when there is none.
    public var query: String
    /// Header names (lowercased) and values.
    public var headers: [String: String]
    /// The body bytes.
    public var body: Data

    /// A recorded request.
    public init(method: String, path: String, query: String = "", headers: [String: String], body: Data) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The body parsed as a JSON object, or nil.
    public var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }
}
