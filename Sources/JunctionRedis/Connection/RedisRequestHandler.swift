import NIOCore
import NIOSSL

/// Matches replies to requests on one connection: the last handler of the pipeline, after the RESP decoder.
///
/// Requests are written as they come (pipelining: many may be in flight) and wait in a FIFO; each reply
/// resolves the oldest, since Redis answers in order. RESP3 push messages (`>`) are never replies: they go to
/// the push callback, except the `subscribe`/`psubscribe` confirmations a subscription request waits for.
///
/// Timeouts: one timer at a time watches the oldest request (the one the next reply belongs to). When it has
/// waited longer than its timeout it fails with code `timeout`; the connection can then no longer tell which
/// reply is whose, so it is closed and every other waiting request fails with code `closed`. A pipelined batch
/// gets the timeout again at each of its replies, so a long pipeline that makes progress does not time out.
///
/// Once failed (timeout, protocol error, I/O error, close), the handler fails every new request at once.
/// Everything here runs on the channel's event loop.
final class RedisRequestHandler: ChannelInboundHandler {
    typealias InboundIn = RESPValue
    typealias OutboundOut = ByteBuffer

    private struct Pending {
        var sink: RedisReplySink
        /// Replies (or subscription confirmations) still expected.
        var remaining: Int
        var timeout: TimeAmount?
        var deadline: NIODeadline?
    }

    /// `host:port` for error messages.
    let endpoint: String
    private let onPush: (@Sendable (RESPValue) -> Void)?

    private var pending = CircularBuffer<Pending>(initialCapacity: 16)
    /// Replies collected so far for the batch at the head of `pending`.
    private var batchReplies: [RESPValue] = []
    private var context: ChannelHandlerContext?
    /// Why the connection is unusable; set once, never cleared.
    private var failure: RedisError?
    private var timer: NIOScheduledCallback?
    private var flushScheduled = false

    /// Creates a handler; `onPush` receives every RESP3 push message that is not a subscription confirmation.
    init(endpoint: String, onPush: (@Sendable (RESPValue) -> Void)? = nil) {
        self.endpoint = endpoint
        self.onPush = onPush
    }

    /// How many requests wait for replies (a batch counts once).
    var pendingCount: Int { pending.count }

    // MARK: Requests

    /// Writes a request and queues its reply sink; fails it at once when the connection is unusable.
    func enqueue(_ request: RedisRequest) {
        guard let context, failure == nil else {
            request.fail(failure ?? .closed(endpoint, "the connection is not open"))
            return
        }
        let deadline = request.timeout.map { context.eventLoop.now + $0 }
        pending.append(Pending(sink: request.sink, remaining: request.sink.expectedReplies, timeout: request.timeout, deadline: deadline))
        context.write(wrapOutboundOut(request.payload), promise: nil)
        // One flush for all the requests queued on the event loop in the same burst.
        if !flushScheduled {
            flushScheduled = true
            context.eventLoop.assumeIsolatedUnsafeUnchecked().execute {
                self.flushScheduled = false
                self.context?.flush()
            }
        }
        armTimer()
    }

    // MARK: Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let value = unwrapInboundIn(data)
        if case .push(let elements) = value.withoutAttributes {
            receivePush(value, elements)
            return
        }
        guard !pending.isEmpty else {
            fail(.protocolError(endpoint, "received a \(value.shapeDescription) reply with no command waiting for it"))
            return
        }
        let index = pending.startIndex
        switch pending[index].sink {
        case .single(let continuation):
            pending.removeFirst()
            continuation.resume(returning: .success(value))
        case .promise(let promise), .subscription(_, let promise):
            pending.removeFirst()
            promise.succeed(value)
        case .batch(let count, let continuation):
            batchReplies.append(value)
            if batchReplies.count == count {
                pending.removeFirst()
                let replies = batchReplies
                batchReplies = []
                continuation.resume(returning: .success(replies))
            } else if let timeout = pending[index].timeout {
                pending[index].deadline = context.eventLoop.now + timeout
            }
        }
        armTimer()
    }

    private func receivePush(_ value: RESPValue, _ elements: [RESPValue]) {
        if let head = pending.first, case .subscription(_, let promise) = head.sink,
            let kind = elements.first?.bytes, Self.isSubscribeConfirmation(kind)
        {
            pending[pending.startIndex].remaining -= 1
            if pending[pending.startIndex].remaining == 0 {
                pending.removeFirst()
                promise.succeed(value)
                armTimer()
            }
            return
        }
        onPush?(value)
    }

    private static func isSubscribeConfirmation(_ kind: ByteBuffer) -> Bool {
        let text = String(buffer: kind).lowercased()
        return text == "subscribe" || text == "psubscribe" || text == "ssubscribe"
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.closed(endpoint, "the server closed the connection"), close: false)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch error {
        case let error as RESPProtocolError:
            fail(.protocolError(endpoint, error.description))
        case let error as RedisError:
            fail(error)
        case let error as NIOSSLError:
            fail(.closed(endpoint, "TLS error: \(error)"))
        default:
            fail(.closed(endpoint, "\(error)"))
        }
    }

    // MARK: Lifecycle

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        fail(.closed(endpoint, "the connection was shut down"), close: false)
        self.context = nil
    }

    /// Marks the connection failed, fails every waiting request with `error`, and closes the channel.
    private func fail(_ error: RedisError, close: Bool = true) {
        if failure == nil {
            failure = error
        }
        cancelTimer()
        failPending(with: failure!)
        if close {
            context?.close(promise: nil)
        }
    }

    private func failPending(with error: RedisError) {
        batchReplies = []
        while let request = pending.popFirst() {
            request.sink.fail(error)
        }
    }

    // MARK: Timeouts

    private func armTimer() {
        guard timer == nil, let context, let deadline = pending.first?.deadline else { return }
        timer = try? context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleCallback(at: deadline, handler: self)
    }

    private func cancelTimer() {
        if let timer {
            self.timer = nil
            timer.cancel()
        }
    }

    private func timerFired() {
        timer = nil
        guard let head = pending.first, let deadline = head.deadline else { return }
        guard let context, deadline <= context.eventLoop.now else {
            armTimer()
            return
        }
        pending.removeFirst()
        let timeout = head.timeout.map { Duration.nanoseconds($0.nanoseconds) } ?? .zero
        failure = .closed(endpoint, "an earlier command timed out, and replies arrive in order")
        head.sink.fail(.timeout(endpoint, timeout))
        failPending(with: failure!)
        context.close(promise: nil)
    }
}

extension RedisRequestHandler: NIOScheduledCallbackHandler {
    func handleScheduledCallback(eventLoop: some EventLoop) {
        timerFired()
    }
}
