import Foundation

/// A Redis 8 server with RediSearch and RedisJSON started by the project's
/// `scripts/redis`, for benchmarks; stopped with `stop()`.
struct RedisScript {
    /// `redis://127.0.0.1:PORT`.
    let url: String

    /// Starts a server on a free loopback port.
    static func start() throws -> RedisScript {
        guard let scripts = ProjectPaths.scriptsFolder() else {
            throw CLIError("the project's scripts/ folder was not found: run junction from the repository")
        }
        let output = try run(scripts.appendingPathComponent("redis"), ["start"])
        let url = output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard url.hasPrefix("redis://") else { throw CLIError("scripts/redis start printed no URL: \(output)") }
        return RedisScript(url: url)
    }

    /// Stops the server.
    func stop() {
        guard let scripts = ProjectPaths.scriptsFolder(), let port = url.split(separator: ":").last else { return }
        _ = try? Self.run(scripts.appendingPathComponent("redis"), ["stop", "--port", String(port)])
    }

    private static func run(_ executable: URL, _ arguments: [String]) throws -> String {
        let failure = "\(executable.lastPathComponent) \(arguments.joined(separator: " ")) failed; run scripts/setup"
        return String(decoding: try Subprocess.output(of: executable, arguments, failure: failure), as: UTF8.self)
    }
}
