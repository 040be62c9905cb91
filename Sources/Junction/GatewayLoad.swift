import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The load generators of `junction bench gateway`: a lean sequential client over one kept-alive connection
/// (latency), and wrk with a Lua script for the POST body (throughput).
struct GatewayLoad {
    /// One POST: where, the JSON body and extra headers.
    struct Call {
        var url: String
        var body: String
        var headers: [(String, String)] = []
    }

    /// One HTTP/1.1 client on one event loop with one connection per host.
    let client: HTTPClient

    init() {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(120), concurrentHTTP1ConnectionsPerHostSoftLimit: 1)
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(60))
        client = HTTPClient(eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton), configuration: configuration)
    }

    func shutdown() async throws {
        try await client.shutdown()
    }

    /// Sends `call` once; returns the status, the headers and the body.
    func send(_ call: Call) async throws -> (status: Int, headers: HTTPHeaders, body: String) {
        var request = HTTPClientRequest(url: call.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in call.headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: call.body))
        let response = try await client.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 1 << 22)
        return (Int(response.status.code), response.headers, String(buffer: body))
    }

    /// GETs `url` and returns the body (for /metrics).
    func get(_ url: String) async throws -> String {
        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(60))
        return String(buffer: try await response.body.collect(upTo: 1 << 24))
    }

    /// Per stage, the sum (seconds) and count of `junction_stage_duration_seconds` on a Prometheus text page.
    static func stageTotals(metrics: String) -> [String: (sum: Double, count: Double)] {
        var totals: [String: (sum: Double, count: Double)] = [:]
        for line in metrics.split(separator: "\n") where line.hasPrefix("junction_stage_duration_seconds_") {
            guard let open = line.range(of: "stage=\""), let close = line[open.upperBound...].firstIndex(of: "\""),
                  let value = line.split(separator: " ").last.flatMap({ Double($0) }) else { continue }
            let stage = String(line[open.upperBound..<close])
            if line.hasPrefix("junction_stage_duration_seconds_sum") { totals[stage, default: (0, 0)].sum += value }
            if line.hasPrefix("junction_stage_duration_seconds_count") { totals[stage, default: (0, 0)].count += value }
        }
        return totals
    }

    /// Mean milliseconds per stage between two `stageTotals` snapshots, in pipeline order.
    static func stageMeans(from before: [String: (sum: Double, count: Double)], to after: [String: (sum: Double, count: Double)])
        -> [(stage: String, milliseconds: Double)] {
        ["embed", "route", "cache", "upstream", "total"].compactMap { stage in
            guard let end = after[stage] else { return nil }
            let start = before[stage] ?? (0, 0)
            guard end.count > start.count else { return nil }
            return (stage, (end.sum - start.sum) / (end.count - start.count) * 1000)
        }
    }

    /// Sends `call` `count` times one after the other and returns each round trip in milliseconds; any
    /// answer but 200 stops the benchmark.
    func sequentialLatencies(_ call: Call, count: Int) async throws -> [Double] {
        try await sequentialLatencies(count: count) { _ in call }
    }

    /// Sends `call(i)` for i in 0..<count one after the other and returns each round trip in milliseconds.
    func sequentialLatencies(count: Int, _ call: (Int) -> Call) async throws -> [Double] {
        var samples: [Double] = []
        samples.reserveCapacity(count)
        let clock = ContinuousClock()
        for index in 0..<count {
            let call = call(index)
            let start = clock.now
            let (status, _, body) = try await send(call)
            samples.append((clock.now - start).milliseconds)
            guard status == 200 else { throw CLIError("\(call.url) answered \(status): \(body.prefix(300))") }
        }
        return samples
    }

    /// Runs wrk (one thread, `connections` connections, `seconds` seconds) against `call`; returns requests/s.
    /// Any non-2xx answer or socket error stops the benchmark.
    static func wrkThroughput(_ call: Call, connections: Int, seconds: Int, scratch: URL) throws -> Double {
        guard let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw CLIError("wrk is not installed: run scripts/setup --bench (it installs Debian's wrk)")
        }
        var script = "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
        for (name, value) in call.headers { script += "wrk.headers[\"\(name)\"] = \"\(value)\"\n" }
        script += "wrk.body = [==[\(call.body)]==]\n"
        let scriptFile = scratch.appendingPathComponent("post.lua")
        try Data(script.utf8).write(to: scriptFile)
        let output = String(decoding: try Subprocess.output(
            of: URL(fileURLWithPath: wrk),
            ["-t1", "-c\(connections)", "-d\(seconds)s", "--timeout", "10s", "-s", scriptFile.path, call.url],
            failure: "wrk failed"
        ), as: UTF8.self)
        if let line = output.split(separator: "\n").first(where: { $0.contains("Non-2xx or 3xx responses") || $0.contains("Socket errors") }) {
            throw CLIError("wrk against \(call.url) saw errors: \(line.trimmingCharacters(in: .whitespaces))\n\(output)")
        }
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") }),
              let rate = Double(line.dropFirst("Requests/sec:".count).trimmingCharacters(in: .whitespaces))
        else { throw CLIError("could not read Requests/sec from wrk's output:\n\(output)") }
        return rate
    }

    /// Runs wrk as `wrkThroughput` does and meanwhile GETs `probe` every 20 ms over this client's own
    /// connection: requests/s, and the probe's round trips (ms) while the gateway is under load.
    func throughputWithProbe(_ call: Call, probe: String, connections: Int, seconds: Int, scratch: URL) async throws
        -> (rate: Double, probe: [Double]) {
        let wrk = Task.detached { try GatewayLoad.wrkThroughput(call, connections: connections, seconds: seconds, scratch: scratch) }
        let clock = ContinuousClock()
        let end = clock.now + .seconds(seconds) - .milliseconds(300)
        try await Task.sleep(for: .milliseconds(300))
        var samples: [Double] = []
        while clock.now < end {
            let start = clock.now
            _ = try await get(probe)
            samples.append((clock.now - start).milliseconds)
            try await Task.sleep(for: .milliseconds(20))
        }
        return (try await wrk.value, samples)
    }
}
