import HTTPTypes

/// A chat completion request as every front sees it: the body as the client sent it, its headers, and the
/// request's decision box. The HTTP front builds it from a Hummingbird request, the Envoy front from the
/// ext_proc request-headers and request-body messages.
public struct ChatInput: Sendable {
    /// The request body, at most `server.max_body_bytes`.
    public var body: [UInt8]
    /// The request headers (authorization, cache directives, request id).
    public var headers: HTTPFields
    /// What the pipeline decides, read by the front to write the `x-junction-*` headers and the metrics.
    public var exchange: Exchange

    /// A chat request.
    public init(body: [UInt8], headers: HTTPFields, exchange: Exchange) {
        self.body = body
        self.headers = headers
        self.exchange = exchange
    }
}
