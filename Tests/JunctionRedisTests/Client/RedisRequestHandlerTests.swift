import NIOCore
import NIOEmbedded
import Synchronization
import Testing

@testable import JunctionRedis

/// A connection on an in-memory channel: requests go through the real handler and encoder, and the test plays
/// the server by reading what was written and writing reply bytes.
struct HandlerHarness {
    let channel: NIOAsyncTestingChannel
    let connection: RedisConnection
    let pushes: PushRecorder

    final class PushRecorder: Sendable {
        private let values = Mutex<[RESPValue]>([])
        func append(_ value: RESPValue) { values.withLock { $0.append(value) } }
        var all: [RESPValue] { values.withLock { $0 } }
    }

    init(timeout: TimeAmount = .seconds(2)) async throws {
        let channel = NIOAsyncTestingChannel()
        let pushes = PushRecorder()
        connection = try await channel.testingEventLoop.executeInContext {
            let handler = RedisRequestHandler(endpoint: "test:6379", onPush: { pushes.append($0) })
            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(RESPDecoder()))
            try channel.pipeline.syncOperations.addHandler(handler)
            return RedisConnection(channel: channel, handler: NIOLoopBound(handler, eventLoop: channel.eventLoop), commandTimeout: timeout)
        }
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 6379))
        self.channel = channel
        self.pushes = pushes
    }

    /// The next bytes the client wrote, as text.
    func written() async throws -> String {
        String(buffer: try await channel.waitForOutboundWrite(as: ByteBuffer.self))
    }

    /// Bytes from the "server".
    func serverSends(_ wire: String) async throws {
        try await channel.writeInbound(ByteBuffer(string: wire))
    }
}

@Suite("RedisRequestHandler: replies matched to requests")
struct RedisRequestHandlerTests {
    @Test func singleRequestGetsItsReply() async throws {
        let harness = try await HandlerHarness()
        async let reply = harness.connection.send(["GET", "greeting"])
        #expect(try await harness.written() == "*2\r\n$3\r\nGET\r\n$8\r\ngreeting\r\n")
        try await harness.serverSends("$5\r\nhello\r\n")
        #expect(try await reply.get() == "hello")
    }

    @Test func pipelinedRequestsAreResolvedInOrder() async throws {
        let harness = try await HandlerHarness()
        async let first = harness.connection.send(["GET", "a"])
        _ = try await harness.written()
        async let second = harness.connection.send(["GET", "b"])
        _ = try await harness.written()
        async let third = harness.connection.send(["INCR", "c"])
        _ = try await harness.written()
        // All three replies in one read, the last split over two.
        try await harness.serverSends("$1\r\nA\r\n$-1\r\n:4")
        try await harness.serverSends("2\r\n")
        #expect(try await first.get() == "A")
        #expect(try await second.get() == .bulkString(nil))
        #expect(try await third.get() == 42)
    }

    @Test func batchCollectsItsRepliesAndKeepsErrorRepliesAsValues() async throws {
        let harness = try await HandlerHarness()
        async let replies = harness.connection.send(pipeline: [["SET", "k", "v"], ["INCR", "k"], ["GET", "k"]])
        #expect(try await harness.written() == "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n*2\r\n$4\r\nINCR\r\n$1\r\nk\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n")
        try await harness.serverSends("+OK\r\n-ERR value is not an integer or out of range\r\n")
        try await harness.serverSends("$1\r\nv\r\n")
        let values = try await replies.get()
        #expect(values.count == 3)
        #expect(values[0] == .simpleString("OK"))
        #expect(values[1].error == RESPError(text: "ERR value is not an integer or out of range"))
        #expect(values[2] == "v")
    }

    @Test func errorReplyIsReturnedAsAValue() async throws {
        let harness = try await HandlerHarness()
        async let reply = harness.connection.send(["EVALSHA", "abc", "0"])
        _ = try await harness.written()
        try await harness.serverSends("-NOSCRIPT No matching script. Please use EVAL.\r\n")
        let error = try await reply.get().error
        #expect(error?.code == "NOSCRIPT")
    }

    @Test func pushMessagesAreNotTakenAsReplies() async throws {
        let harness = try await HandlerHarness()
        async let first = harness.connection.send(["GET", "a"])
        _ = try await harness.written()
        async let second = harness.connection.send(["GET", "b"])
        _ = try await harness.written()
        try await harness.serverSends(">3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$2\r\nhi\r\n$1\r\nA\r\n")
        try await harness.serverSends(">2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\nk\r\n$1\r\nB\r\n")
        #expect(try await first.get() == "A")
        #expect(try await second.get() == "B")
        #expect(harness.pushes.all == [.push(["message", "news", "hi"]), .push(["invalidate", ["k"]])])
    }

    @Test func subscriptionIsConfirmedByPushesNotReplies() async throws {
        let harness = try await HandlerHarness()
        let confirmed = harness.connection.subscribe(["SUBSCRIBE", "a", "b"], confirmations: 2)
        _ = try await harness.written()
        try await harness.serverSends(">3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n")
        // A message on "a" arrives before "b" is confirmed: it is a message, not a confirmation.
        try await harness.serverSends(">3\r\n$7\r\nmessage\r\n$1\r\na\r\n$5\r\nfirst\r\n")
        try await harness.serverSends(">3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n")
        let reply = try await confirmed.get()
        #expect(reply == .push(["subscribe", "b", 2]))
        #expect(harness.pushes.all == [.push(["message", "a", "first"])])
        let message = harness.pushes.all.first.flatMap(RedisPubSubMessage.init(push:))
        #expect(message == RedisPubSubMessage(channel: "a", payload: ByteBuffer(string: "first")))
    }

    @Test func timedOutRequestFailsWithTimeoutAndTheRestWithClosed() async throws {
        let harness = try await HandlerHarness(timeout: .seconds(2))
        async let first = harness.connection.send(["BLPOP", "q", "0"])
        _ = try await harness.written()
        await harness.channel.testingEventLoop.advanceTime(by: .seconds(1))
        async let second = harness.connection.send(["GET", "a"])
        _ = try await harness.written()
        await harness.channel.testingEventLoop.advanceTime(by: .milliseconds(999))
        #expect(harness.channel.isActive)
        await harness.channel.testingEventLoop.advanceTime(by: .milliseconds(1))
        let firstError = try #require(await first.failure)
        #expect(firstError.code == "timeout")
        #expect(firstError.message.contains("test:6379"))
        let secondError = try #require(await second.failure)
        #expect(secondError.code == "closed")
        #expect(secondError.message.contains("timed out"))
        // The connection is closed, and later requests fail at once.
        try await harness.channel.closeFuture.get()
        let later = await harness.connection.send(["PING"])
        #expect(later.failure?.code == "closed")
    }

    @Test func pipelineThatMakesProgressDoesNotTimeOut() async throws {
        let harness = try await HandlerHarness(timeout: .seconds(2))
        async let replies = harness.connection.send(pipeline: [["PING"], ["PING"], ["PING"]])
        _ = try await harness.written()
        for _ in 0..<3 {
            await harness.channel.testingEventLoop.advanceTime(by: .milliseconds(1500))
            try await harness.serverSends("+PONG\r\n")
        }
        #expect(try await replies.get().count == 3)
        #expect(harness.channel.isActive)
    }

    @Test func idleConnectionDoesNotTimeOut() async throws {
        let harness = try await HandlerHarness(timeout: .seconds(2))
        async let reply = harness.connection.send(["PING"])
        _ = try await harness.written()
        try await harness.serverSends("+PONG\r\n")
        _ = try await reply.get()
        await harness.channel.testingEventLoop.advanceTime(by: .seconds(10))
        #expect(harness.channel.isActive)
        async let again = harness.connection.send(["PING"])
        _ = try await harness.written()
        try await harness.serverSends("+PONG\r\n")
        #expect(try await again.get() == .simpleString("PONG"))
    }

    @Test func serverClosingFailsWaitingRequestsWithClosed() async throws {
        let harness = try await HandlerHarness()
        async let reply = harness.connection.send(["GET", "a"])
        _ = try await harness.written()
        try await harness.channel.close()
        let error = try #require(await reply.failure)
        #expect(error.code == "closed")
    }

    @Test func malformedBytesFailWithProtocolAndClose() async throws {
        let harness = try await HandlerHarness()
        async let reply = harness.connection.send(["GET", "a"])
        _ = try await harness.written()
        try await harness.serverSends("?what\r\n")
        let error = try #require(await reply.failure)
        #expect(error.code == "protocol")
        try await harness.channel.closeFuture.get()
    }

    @Test func replyWithNoRequestIsAProtocolError() async throws {
        let harness = try await HandlerHarness()
        try await harness.serverSends("+OK\r\n")
        try await harness.channel.closeFuture.get()
        let later = await harness.connection.send(["PING"])
        #expect(later.failure?.code == "protocol")
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
