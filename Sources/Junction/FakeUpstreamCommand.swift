import ArgumentParser
import Foundation
import JunctionFakeUpstream

/// `junction fake-upstream` (hidden): an OpenAI-compatible backend that echoes, records and fails on demand,
/// for the gateway's interop tests and `junction bench gateway`.
struct FakeUpstreamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fake-upstream",
        abstract: "Run a fake OpenAI-compatible upstream for tests and benchmarks.",
        discussion: """
            Prints exactly one line, `listening on http://HOST:PORT`, once it accepts connections, then serves
            until SIGTERM or SIGINT. Chat answers are "Echo: " + the last user message (JSON or SSE).
            Control: POST /_control {"reset", "fail_next": {status, count, body}, "delay_ms", "finish_reason",
            "reply", "tool_call", "drop_stream_after_chunks", "record"}; GET /_control; GET and DELETE /_requests.
            """,
        shouldDisplay: false
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 = any free port.")
    var port = 0

    @Option(name: .customLong("model"), help: "A model GET /v1/models lists (repeat for several).")
    var models: [String] = []

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be in 0...65535, got \(port)") }
    }

    func run() async throws {
        do {
            try await FakeUpstream.run(host: host, port: port, models: models.isEmpty ? FakeUpstream.defaultModels : models) { upstream in
                FileHandle.standardOutput.write(Data("listening on \(upstream.url)\n".utf8))
            }
        } catch let error as FakeUpstreamError {
            throw CLIError(error.message)
        } catch {
            throw CLIError("fake upstream on \(host):\(port): \(error)")
        }
    }
}
