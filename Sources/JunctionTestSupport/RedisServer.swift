import Foundation
import JunctionRedis
import NIOPosix
import Testing

/// A real Redis 8.2 with RediSearch and RedisJSON for tests, started and stopped by the project's `scripts/redis`
/// (or the one `JUNCTION_TEST_REDIS_URL` names, for suites).
///
/// Suites get their own server with the `.redisServer` trait (started before the suite's first test, stopped
/// after its last); tests that stop and restart a server start their own with ``start(port:)``. When the server
/// cannot start, the error carries the script's output (usually "run scripts/setup"): tests fail, never skip.
public struct RedisServer: Sendable {
    /// `redis://127.0.0.1:PORT`.
    public let url: String
    /// The server's port.
    public let port: Int
    /// Whether this process started it (and so stops it).
    public let owned: Bool

    /// The server of the current suite (set by the `.redisServer` trait).
    @TaskLocal public static var current: RedisServer?

    /// The server of the current suite; fails the test when the suite lacks the `.redisServer` trait.
    public static var shared: RedisServer {
        get throws { try #require(current, "the suite needs the .redisServer trait") }
    }

    /// What `scripts/redis` reported when it failed.
    public struct ScriptError: Error, CustomStringConvertible {
        /// The command, its status and its output.
        public let description: String
    }

    /// The repository root, found from this file's path (Sources/JunctionTestSupport/).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Starts a server (on `port`, or a free port) and waits until it serves search and JSON.
    public static func start(port: Int? = nil) async throws -> RedisServer {
        var arguments = ["start"]
        if let port { arguments += ["--port", String(port)] }
        let output = try await runScript(arguments)
        guard let line = output.split(separator: "\n").last, line.hasPrefix("redis://"),
            let portText = line.split(separator: ":").last, let actualPort = Int(portText)
        else {
            throw ScriptError(description: "scripts/redis start printed no redis:// URL: \(output)")
        }
        return RedisServer(url: String(line), port: actualPort, owned: true)
    }

    /// The server `JUNCTION_TEST_REDIS_URL` names (not owned: never stopped here), else a new one.
    public static func startOrConfigured() async throws -> RedisServer {
        if let configured = ProcessInfo.processInfo.environment["JUNCTION_TEST_REDIS_URL"], !configured.isEmpty {
            let port = configured.split(separator: ":").last.flatMap { Int($0.prefix(while: \.isNumber)) } ?? 6379
            return RedisServer(url: configured, port: port, owned: false)
        }
        return try await start()
    }

    /// Stops the server (SHUTDOWN NOSAVE) and waits until its process is gone; a server this process did not
    /// start is left running.
    public func stop() async throws {
        guard owned else { return }
        _ = try await Self.runScript(["stop", "--port", String(port)])
    }

    /// Runs `body` with a server of its own, stopped afterwards whatever happens.
    public static func withServer<T>(_ body: (RedisServer) async throws -> T) async throws -> T {
        let server = try await start()
        do {
            let result = try await body(server)
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }

    /// A client of this server (not yet connected).
    public func client(poolSize: Int = 2, configure: (inout RedisConfiguration) -> Void = { _ in }) throws -> RedisClient {
        var configuration = try RedisConfiguration(url: url)
        configuration.poolSize = poolSize
        configure(&configuration)
        return RedisClient(configuration: configuration)
    }

    /// A connected client of the current suite's server.
    public static func client() async throws -> RedisClient {
        let client = try shared.client()
        try await client.connect()
        return client
    }

    /// Runs `body` with a client of this server and closes the client afterwards, whatever happens.
    public func withClient<T>(
        poolSize: Int = 2,
        configure: (inout RedisConfiguration) -> Void = { _ in },
        _ body: (RedisClient) async throws -> T
    ) async throws -> T {
        let redis = try client(poolSize: poolSize, configure: configure)
        do {
            let result = try await body(redis)
            await redis.close()
            return result
        } catch {
            await redis.close()
            throw error
        }
    }

    /// Runs the script on a thread of NIO's blocking pool: it waits for the process, which must not block
    /// one of the few threads Swift concurrency runs tests on.
    private static func runScript(_ arguments: [String]) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { try runScriptBlocking(arguments) }
    }

    private static func runScriptBlocking(_ arguments: [String]) throws -> String {
        let process = Process()
        let script = packageRoot.appendingPathComponent("scripts/redis")
        process.executableURL = script
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ScriptError(description: "cannot run \(script.path): \(error)")
        }
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let outText = String(decoding: out, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw ScriptError(description: """
                scripts/redis \(arguments.joined(separator: " ")) failed with status \(process.terminationStatus) \
                (run scripts/setup first): \(String(decoding: err, as: UTF8.self))\(outText)
                """)
        }
        return outText
    }
}
