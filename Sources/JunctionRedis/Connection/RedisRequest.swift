import NIOCore

/// Commands encoded for the wire and the place their replies go, handed to ``RedisRequestHandler``.
///
/// The commands are encoded by the caller, off the event loop; the handler only writes the bytes and
/// remembers where the replies go.
struct RedisRequest: Sendable {
    /// The encoded commands (one or many, for a pipeline), written to the socket as they are.
    var payload: ByteBuffer
    /// Who gets the replies.
    var sink: RedisReplySink
    /// How long the first reply may take, from the moment the handler writes the request; nil waits forever.
    var timeout: TimeAmount?

    /// Fails the request without sending it.
    func fail(_ error: RedisError) {
        sink.fail(error)
    }
}

/// Where replies go, and how many a request expects.
enum RedisReplySink: Sendable {
    /// One reply for an async caller.
    case single(CheckedContinuation<Result<RESPValue, RedisError>, Never>)
    /// One reply for a future chain (the connection handshake, which runs without a task).
    case promise(EventLoopPromise<RESPValue>)
    /// `count` replies, in order, for a pipeline.
    case batch(count: Int, CheckedContinuation<Result<[RESPValue], RedisError>, Never>)
    /// A RESP3 (P)SUBSCRIBE: confirmed by `count` push messages (`subscribe`, `psubscribe`), not by a reply.
    /// An error reply (a malformed command) resolves it too.
    case subscription(count: Int, EventLoopPromise<RESPValue>)

    /// How many top-level replies the request expects (pushes for a subscription).
    var expectedReplies: Int {
        switch self {
        case .single, .promise: 1
        case .batch(let count, _), .subscription(let count, _): count
        }
    }

    func fail(_ error: RedisError) {
        switch self {
        case .single(let continuation):
            continuation.resume(returning: .failure(error))
        case .promise(let promise), .subscription(_, let promise):
            promise.fail(error)
        case .batch(_, let continuation):
            continuation.resume(returning: .failure(error))
        }
    }
}
