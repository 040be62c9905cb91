/// What the pipeline decided for a chat request: Junction answers it itself, or it goes to an upstream.
public enum ChatDecision: Sendable {
    /// A cache hit, a block, a canned answer, an escalation's reply: written by Junction, JSON or SSE as the
    /// client asked. Never reaches an upstream.
    case respond(ImmediateAnswer)
    /// Send it upstream; the answer goes through the plan's `ResponseProcessor` on its way back.
    case forward(ForwardPlan)
}

/// An answer Junction writes itself, complete.
public struct ImmediateAnswer: Sendable, Equatable {
    /// The HTTP status (200 for every answer the pipeline makes; errors are thrown as `GatewayError`).
    public var status: Int
    /// `application/json` or `text/event-stream`.
    public var contentType: String
    /// The whole body.
    public var body: [UInt8]

    /// An answer.
    public init(status: Int = 200, contentType: String, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// Whether the body is a server-sent event stream.
    public var isStream: Bool { contentType == "text/event-stream" }
}
