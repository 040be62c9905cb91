import Foundation

/// How the fake upstream answers: the settings a test changes, by the Swift API or by `POST /_control`.
///
/// Every setting but `failNext` stays until it is changed or reset; `failNext` counts down with each
/// chat request it fails.
public struct FakeUpstreamControl: Sendable, Equatable {
    /// A failure to inject: the next `count` chat requests answer `status` with `body`.
    public struct Failure: Sendable, Equatable {
        /// The HTTP status to answer with, e.g. 500, 429 or 400.
        public var status: Int
        /// How many chat requests to fail (at least 1).
        public var count: Int
        /// The body to answer with; nil = an error in OpenAI's shape naming the fake failure.
        public var body: String?

        /// A failure of `count` requests with `status`.
        public init(status: Int, count: Int = 1, body: String? = nil) {
            self.status = status
            self.count = count
            self.body = body
        }
    }

    /// Fail the next chat requests; nil = answer normally.
    public var failNext: Failure?
    /// Wait this long before answering (before the first byte of a stream), in milliseconds.
    public var delayMilliseconds: Int
    /// The `finish_reason` of a text answer (a tool call always finishes with `tool_calls`).
    public var finishReason: String
    /// A fixed answer instead of `"Echo: " + last user message`.
    public var reply: String?
    /// Answer with a tool call (finish_reason `tool_calls`) instead of text.
    public var toolCall: Bool
    /// Close the connection after this many SSE chunks, without `[DONE]`; nil = finish streams normally.
    public var dropStreamAfterChunks: Int?
    /// Record requests (on by default; a benchmark turns it off so memory stays flat).
    public var record: Bool
    /// Report this many completion tokens in `usage` instead of the answer's word count (large usage
    /// without large answers, for budget tests); nil = count the words.
    public var completionTokens: Int?

    /// The defaults: no failure, no delay, `finish_reason: "stop"`, echo answers, recording on.
    public init(
        failNext: Failure? = nil,
        delayMilliseconds: Int = 0,
        finishReason: String = "stop",
        reply: String? = nil,
        toolCall: Bool = false,
        dropStreamAfterChunks: Int? = nil,
        record: Bool = true,
        completionTokens: Int? = nil
    ) {
        self.completionTokens = completionTokens
        self.failNext = failNext
        self.delayMilliseconds = delayMilliseconds
        self.finishReason = finishReason
        self.reply = reply
        self.toolCall = toolCall
        self.dropStreamAfterChunks = dropStreamAfterChunks
        self.record = record
    }
}

extension FakeUpstreamControl {
    /// Applies a `POST /_control` body: keys given are set, `null` resets a key to its default,
    /// `"reset": true` first resets everything; keys not given are left as they are.
    ///
    /// - Throws: `FakeUpstreamError` (`invalid_control`) naming the key that is unknown or has a wrong type.
    public mutating func apply(json data: Data) throws {
        let change: ControlChange
        do {
            change = try JSONDecoder().decode(ControlChange.self, from: data)
        } catch let error as FakeUpstreamError {
            throw error
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw FakeUpstreamError(code: "invalid_control", message: "control key '\(key)' has the wrong type")
        } catch {
            throw FakeUpstreamError(code: "invalid_control", message: "the control body is not a JSON object")
        }
        change.apply(to: &self)
    }

    /// The settings as `GET /_control` shows them (the keys `POST /_control` takes).
    public var jsonObject: [String: Any] {
        var failure: Any = NSNull()
        if let failNext {
            failure = ["status": failNext.status, "count": failNext.count, "body": failNext.body ?? NSNull()] as [String: Any]
        }
        return [
            "fail_next": failure,
            "delay_ms": delayMilliseconds,
            "finish_reason": finishReason,
            "reply": reply ?? NSNull(),
            "tool_call": toolCall,
            "drop_stream_after_chunks": dropStreamAfterChunks ?? NSNull(),
            "record": record,
            "completion_tokens": completionTokens ?? NSNull(),
        ]
    }
}
