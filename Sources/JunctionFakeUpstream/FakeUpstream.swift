import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// A real HTTP server on loopback that plays an OpenAI-compatible backend: `chat.completion` JSON and SSE
/// streams (`"Echo: " + last user message` by default), `GET /v1/models`, failures and delays on demand, and a
/// record of every request it received.
///
/// ```swift
/// try await FakeUpstream.withRunning { upstream in
///     upstream.failNext(status: 500)
///     // point a client at upstream.baseURL ...
///     #expect(upstream.requests.count == 1)
/// }
/// ```
///
/// The same settings are reachable over HTTP: `POST /_control`, `GET /_control`, `GET /_requests`,
/// `DELETE /_requests` (see `FakeUpstreamControl.apply(json:)`).
public struct FakeUpstream: Sendable {
    /// The models `GET /v1/models` lists unless told otherwise.
    public static let defaultModels = ["gpt-4o-mini", "gpt-4o"]

    /// The host it listens on, as given.
    public let host: String
    /// The port it listens on (the one the system chose when asked for port 0).
    public let port: Int
    let state: FakeUpstreamState

    /// `http://HOST:PORT`.
    public var url: String { "http://\(host):\(port)" }
    /// `http://HOST:PORT/v1`: what an OpenAI client takes as its base URL.
    public var baseURL: String { url + "/v1" }

    /// Runs a fake upstream for the duration of `body`, then shuts it down (in-flight requests finish).
    ///
    /// - Parameters:
    ///   - host: The address to listen on.
    ///   - port: The port; 0 = any free port.
    ///   - models: What `GET /v1/models` lists.
    /// - Throws: What `body` throws, or `FakeUpstreamError` (`server_stopped`) when the server cannot listen.
    public static func withRunning<Result>(
        host: String = "127.0.0.1",
        port: Int = 0,
        models: [String] = defaultModels,
        _ body: (FakeUpstream) async throws -> Result
    ) async throws -> Result {
        try await serve(host: host, port: port, models: models, signals: []) { upstream, _ in
            try await body(upstream)
        }
    }

    /// Runs a fake upstream until SIGTERM or SIGINT (or until the task is cancelled); calls `onListening` once it
    /// accepts connections. This is `junction fake-upstream`.
    public static func run(
        host: String = "127.0.0.1",
        port: Int = 0,
        models: [String] = defaultModels,
        onListening: (FakeUpstream) async -> Void
    ) async throws {
        try await serve(host: host, port: port, models: models, signals: [.sigterm, .sigint]) { upstream, server in
            await onListening(upstream)
            try await server()
        }
    }

    /// Starts the server, waits until it listens, runs `body` with a handle and a function that waits for the
    /// server to end, then shuts the server down gracefully.
    private static func serve<Result>(
        host: String,
        port: Int,
        models: [String],
        signals: [UnixSignal],
        _ body: (FakeUpstream, () async throws -> Void) async throws -> Result
    ) async throws -> Result {
        let state = FakeUpstreamState()
        let (ports, listening) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "junction.fake-upstream")
        logger.logLevel = .warning
        let app = Application(
            responder: FakeUpstreamResponder(state: state, models: models),
            configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                listening.yield(channel.localAddress?.port ?? port)
                listening.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: signals, logger: logger)
        )
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { listening.finish() }
                try await group.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let bound = await iterator.next() else {
                try await tasks.waitForAll()
                throw FakeUpstreamError(
                    code: "server_stopped", message: "the fake upstream stopped before it listened on \(host):\(port)"
                )
            }
            let upstream = FakeUpstream(host: host, port: bound, state: state)
            do {
                let result = try await body(upstream) { try await tasks.waitForAll() }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }
}
