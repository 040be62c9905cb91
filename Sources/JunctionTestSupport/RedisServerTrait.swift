import Testing

/// Gives a suite one Redis server for the duration of all its tests (see ``RedisServer``).
public struct RedisServerTrait: SuiteTrait, TestScoping {
    /// The trait applies to the suite as a whole, not to each test.
    public var isRecursive: Bool { false }

    /// Starts the server (or uses `JUNCTION_TEST_REDIS_URL`), runs the suite with it, then stops it.
    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let server = try await RedisServer.startOrConfigured()
        do {
            try await RedisServer.$current.withValue(server) { try await function() }
            try await server.stop()
        } catch {
            try? await server.stop()
            throw error
        }
    }
}

extension Trait where Self == RedisServerTrait {
    /// Starts a Redis server for the suite (see ``RedisServer``).
    public static var redisServer: Self { RedisServerTrait() }
}
