import Foundation
import NIOPosix
import Testing

@testable import JunctionRedis

/// A real Redis 8.2 with RediSearch and RedisJSON, started and stopped by the project's `scripts/redis`.
///
/// Suites get their own server with the `.redisServer` trait (started before the suite's first test, stopped
/// after its last); tests that stop and restart a server start their own with ``start(port:)``. When the server
/// cannot start, the error carries the script's output (usually "run scripts/setup"): tests fail, never skip.
struct RedisServer: Sendable {
    /// `redis://127.0.0.1:PORT`.
    let url: String
    let port: Int

    /// The server of the current suite (set by the `.redisServer` trait).
    @TaskLocal static var current: RedisServer?

    /// The server of the current suite; fails the test when the suite lacks the `.redisServer` trait.
    static var shared: RedisServer {
        get throws { try #require(current, "the suite needs the .redisServer trait") }
    }

    struct ScriptError: Error, CustomStringConvertible {
        let description: String
    }

    /// The repository root, found from this file's path (Tests/JunctionRedisTests/Integration/).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Starts a server (on `port`, or a free port) and waits until it serves search and JSON.
    static func start(port: Int? = nil) async throws -> RedisServer {
        var arguments = ["start"]
        if let port { arguments += ["--port", String(port)] }
        let output = try await runScript(arguments)
        guard let line = output.split(separator: "\n").last, line.hasPrefix("redis://"),
            let portText = line.split(separator: ":").last, let actualPort = Int(portText)
        else {
            throw ScriptError(description: "scripts/redis start printed no redis:// URL: \(output)")
        }
        return RedisServer(url: String(line), port: actualPort)
    }

    /// Stops the server (SHUTDOWN NOSAVE) and waits until its process is gone.
    func stop() async throws {
        _ = try await Self.runScript(["stop", "--port", String(port)])
    }

    /// Runs `body` with a server of its own, stopped afterwards whatever happens.
    static func withServer<T>(_ body: (RedisServer) async throws -> T) async throws -> T {
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

    /// A client of this server, with short timeouts so failures show quickly.
    func client(poolSize: Int = 2, configure: (inout RedisConfiguration) -> Void = { _ in }) throws -> RedisClient {
        var configuration = try RedisConfiguration(url: url)
        configuration.poolSize = poolSize
        configure(&configuration)
        return RedisClient(configuration: configuration)
    }

    /// Runs `body` with a client of this server and closes the client afterwards, whatever happens.
    func withClient<T>(
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
        process.executableURL = root.appendingPathComponent("scripts/redis")
        process.arguments = arguments
        process.currentDirectoryURL = root
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ScriptError(description: "cannot run \(process.executableURL!.path): \(error)")
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

/// Gives a suite its own Redis server for the duration of all its tests.
struct RedisServerTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        try await RedisServer.withServer { server in
            try await RedisServer.$current.withValue(server) {
                try await function()
            }
        }
    }
}

extension Trait where Self == RedisServerTrait {
    /// Starts a Redis server for the suite (see ``RedisServer``).
    static var redisServer: Self { RedisServerTrait() }
}

/// Polls `condition` until it is true or `timeout` passes (no fixed sleeps).
func eventually(
    within timeout: Duration,
    every interval: Duration = .milliseconds(20),
    _ condition: () async -> Bool
) async -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: interval)
    }
    return await condition()
}

/// A key unique to one test, so tests sharing a server never collide.
func uniqueKey(_ name: String = #function) -> String {
    "test:\(name.prefix(while: { $0 != "(" })):\(UInt32.random(in: 0...UInt32.max))"
}
