import Foundation

extension FakeUpstream {
    /// The settings in force.
    public var control: FakeUpstreamControl {
        state.control
    }

    /// Changes the settings, e.g. `upstream.update { $0.delayMilliseconds = 200 }`.
    public func update(_ change: (inout FakeUpstreamControl) -> Void) {
        state.update(change)
    }

    /// Back to the defaults: echo answers, no failure, no delay (the recorded requests are kept).
    public func reset() {
        state.update { $0 = FakeUpstreamControl() }
    }

    /// Fails the next `count` chat or embeddings requests with `status` and `body` (default: an error in
    /// OpenAI's shape).
    public func failNext(status: Int, count: Int = 1, body: String? = nil) {
        state.update { $0.failNext = FakeUpstreamControl.Failure(status: status, count: count, body: body) }
    }

    /// Every request received so far (control-plane requests under `/_` excepted), oldest first.
    public var requests: [RecordedRequest] {
        state.requests
    }

    /// The chat completions requests received so far, oldest first.
    public var chatRequests: [RecordedRequest] {
        state.requests.filter { $0.method == "POST" && $0.path.hasSuffix("/chat/completions") }
    }

    /// The embeddings requests received so far (every URL shape), oldest first.
    public var embeddingsRequests: [RecordedRequest] {
        state.requests.filter { $0.method == "POST" && $0.path.hasSuffix("/embeddings") }
    }

    /// The vector the fake answers for `text`, `dimensions` wide (its default width unless given).
    public func embedding(of text: String, dimensions: Int? = nil) -> [Float] {
        FakeEmbedding.vector(text, dimensions: dimensions ?? control.embeddingDimensions)
    }

    /// Forgets the requests received; returns how many there were.
    @discardableResult
    public func clearRequests() -> Int {
        state.clearRequests()
    }
}
