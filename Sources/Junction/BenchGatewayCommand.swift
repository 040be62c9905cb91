import ArgumentParser
import Foundation
import JunctionEncoder

/// `junction bench gateway`: the gateway end to end on loopback, against the fake upstream.
struct BenchGatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway",
        abstract: "Gateway latency and throughput: cache hits, and pass-through overhead vs the upstream direct.",
        discussion: """
            Starts `junction fake-upstream` and `junction serve` (this same executable: build it with -c release)
            as child processes on 127.0.0.1 with a generated config (embedded store, cache on, one route), then
            measures, per round: (a) a cache hit on POST /v1/chat/completions with model "auto" (embedding,
            routing, cache lookup and the answer): p50/p99 over one kept-alive connection, requests one after
            the other, and requests/s with wrk (1 thread, --connections connections); (b) pass-through: a named
            model with the cache bypassed (x-junction-cache: bypass), p50/p99 through the gateway and straight to
            the fake upstream, and the difference. Figures are medians over --rounds. Needs wrk
            (scripts/setup --bench).
            """
    )

    @Option(help: "Rounds; the table shows the median of the rounds.")
    var rounds = 3

    @Option(help: "Sequential requests per latency measurement.")
    var requests = 2_000

    @Option(help: "Concurrent connections of wrk for requests/s.")
    var connections = 32

    @Option(help: "Seconds of each wrk run.")
    var seconds = 5

    @Option(help: "The sentence-transformers model directory `junction serve` loads (default: the one scripts/setup installs).")
    var model: String?

    @Option(help: ArgumentHelp(
        "Gateway set-ups to measure side by side, comma-separated PRECISION/Nw[Mt]: encoder precision, inference workers, threads per product.",
        valueName: "list"))
    var variants = "fp32/2w,bf16/2w,int8/2w,int8/1w,int8/1w2t"

    func validate() throws {
        guard rounds >= 1, requests >= 10, connections >= 1, seconds >= 1 else {
            throw ValidationError("--rounds, --connections and --seconds must be at least 1, --requests at least 10")
        }
        _ = try GatewayBenchVariant.list(variants)
    }

    static let hitPrompt = "How do I reset my password if I forgot it?"
    static let passPrompt = "Tell me something about the sea."
    static let benchModel = "bench-model"

    func run() async throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("junction-bench-gateway-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        Terminal.log("starting junction fake-upstream")
        let upstream = try ChildServer(
            name: "junction fake-upstream", executable: executable,
            arguments: ["fake-upstream", "--host", "127.0.0.1", "--port", "0", "--model", Self.benchModel],
            logFile: scratch.appendingPathComponent("fake-upstream.log"))
        defer { upstream.stop() }
        let load = GatewayLoad()
        var results: [(GatewayBenchVariant, [Figures], [(stage: String, milliseconds: Double)])] = []
        var loads = [MachineInfo.loadAverageText]
        for variant in try GatewayBenchVariant.list(variants) {
            let configFile = scratch.appendingPathComponent("junction-\(results.count).yaml")
            let data = scratch.appendingPathComponent("data-\(results.count)").path
            try Data(config(variant, upstream: upstream.url, dataDirectory: data).utf8).write(to: configFile)
            Terminal.log("\(variant): starting junction serve (loads the model)")
            let gateway = try ChildServer(
                name: "junction serve", executable: executable,
                arguments: ["serve", "--config", configFile.path, "--port", "0"],
                logFile: scratch.appendingPathComponent("serve-\(results.count).log"))
            defer { gateway.stop() }
            do {
                let (figures, stages) = try await measure(variant, load, upstream: upstream, gateway: gateway, scratch: scratch)
                results.append((variant, figures, stages))
                loads.append(MachineInfo.loadAverageText)
            } catch {
                try? await load.shutdown()
                throw CLIError("\(error)\n\(gateway.stderrTail)")
            }
        }
        try await load.shutdown()
        print(report(results.map { ($0.0, $0.1) }, loads: loads))
        for (variant, _, stages) in results {
            let means = stages.map { "\($0.stage) " + String(format: "%.3f", $0.milliseconds) + " ms" }
            print("\(variant): cache hit, sequential, last round: the gateway's stage means (its /metrics): " + means.joined(separator: ", "))
        }
    }

    /// One round's figures, milliseconds and requests/s.
    struct Figures {
        var hit: LatencySummary
        var hitRate: Double
        /// GET /healthz while wrk runs: how long the event loops take to answer.
        var health: LatencySummary
        var direct: LatencySummary
        var through: LatencySummary
        /// Routed with the cache bypassed: a new prompt each time (the encoder runs) and one prompt repeated
        /// (the embeddings cache answers, the encoder does not run).
        var fresh: LatencySummary
        var repeated: LatencySummary
    }

    private func measure(_ variant: GatewayBenchVariant, _ load: GatewayLoad, upstream: ChildServer, gateway: ChildServer, scratch: URL) async throws
        -> ([Figures], [(stage: String, milliseconds: Double)]) {
        // The fake keeps no record of the benchmark's requests, so its memory stays flat.
        _ = try await load.send(.init(url: upstream.url + "/_control", body: #"{"record": false}"#))
        let hit = GatewayLoad.Call(url: gateway.url + "/v1/chat/completions", body: Self.chatBody(model: "auto", prompt: Self.hitPrompt),
                                   headers: [("Authorization", "Bearer sk-bench")])
        let through = GatewayLoad.Call(url: gateway.url + "/v1/chat/completions", body: Self.chatBody(model: Self.benchModel, prompt: Self.passPrompt),
                                       headers: [("Authorization", "Bearer sk-bench"), ("x-junction-cache", "bypass")])
        let direct = GatewayLoad.Call(url: upstream.url + "/v1/chat/completions", body: through.body,
                                      headers: [("Authorization", "Bearer sk-bench")])
        // The first request stores the answer; the second must be a hit, or the figures would mean nothing.
        _ = try await load.send(hit)
        let check = try await load.send(hit)
        guard check.status == 200, check.headers["x-junction-cache"].first == "hit" else {
            throw CLIError("the cache-hit request was not a hit (status \(check.status), x-junction-cache: "
                           + "\(check.headers["x-junction-cache"].first ?? "absent")): \(check.body.prefix(300))")
        }
        let bypass = try await load.send(through)
        guard bypass.status == 200, bypass.headers["x-junction-cache"].first == "bypass" else {
            throw CLIError("the pass-through request did not bypass the cache (status \(bypass.status)): \(bypass.body.prefix(300))")
        }
        for call in [hit, through, direct] { _ = try await load.sequentialLatencies(call, count: min(200, requests)) }

        var figures: [Figures] = []
        var stages: [(stage: String, milliseconds: Double)] = []
        for round in 1...rounds {
            Terminal.log("\(variant) round \(round)/\(rounds): cache hit, \(requests) sequential requests")
            let before = GatewayLoad.stageTotals(metrics: try await load.get(gateway.url + "/metrics"))
            let hitLatency = LatencySummary(samples: try await load.sequentialLatencies(hit, count: requests))
            let after = GatewayLoad.stageTotals(metrics: try await load.get(gateway.url + "/metrics"))
            stages = GatewayLoad.stageMeans(from: before, to: after)
            Terminal.log("\(variant) round \(round)/\(rounds): cache hit, wrk \(connections) connections for \(seconds) s, /healthz probed meanwhile")
            let (rate, health) = try await load.throughputWithProbe(
                hit, probe: gateway.url + "/healthz", connections: connections, seconds: seconds, scratch: scratch
            )
            Terminal.log("\(variant) round \(round)/\(rounds): pass-through, direct and through the gateway")
            let directLatency = LatencySummary(samples: try await load.sequentialLatencies(direct, count: requests))
            let throughLatency = LatencySummary(samples: try await load.sequentialLatencies(through, count: requests))
            Terminal.log("round \(round)/\(rounds): routed, new prompts and one repeated prompt")
            let routed = { (prompt: String) in
                GatewayLoad.Call(url: gateway.url + "/v1/chat/completions", body: Self.chatBody(model: "auto", prompt: prompt),
                                 headers: [("Authorization", "Bearer sk-bench"), ("x-junction-cache", "bypass")])
            }
            let fresh = LatencySummary(samples: try await load.sequentialLatencies(count: requests) { index in
                routed("\(Self.passPrompt) Question \(round * 100_000 + index) of the benchmark.")
            })
            _ = try await load.send(routed(Self.hitPrompt))
            let repeated = LatencySummary(samples: try await load.sequentialLatencies(routed(Self.hitPrompt), count: requests))
            figures.append(Figures(
                hit: hitLatency, hitRate: rate, health: LatencySummary(samples: health), direct: directLatency, through: throughLatency,
                fresh: fresh, repeated: repeated
            ))
        }
        guard gateway.isRunning, upstream.isRunning else { throw CLIError("a child process ended during the benchmark") }
        return (figures, stages)
    }

    private func report(_ results: [(GatewayBenchVariant, [Figures])], loads: [String]) -> String {
        func median(_ rounds: [Figures], _ value: (Figures) -> Double) -> Double { LatencySummary.median(rounds.map(value)) }
        func ms(_ value: Double) -> String { String(format: value < 1 ? "%.3f" : "%.2f", value) }
        let rows: [(String, String, String, (Double) -> Bool, ([Figures]) -> Double, (Double) -> String)] = [
            ("cache hit", "p50 (ms)", "<= 2.5 ms", { $0 <= 2.5 }, { median($0) { $0.hit.p50 } }, ms),
            ("cache hit", "p99 (ms)", "-", { _ in true }, { median($0) { $0.hit.p99 } }, ms),
            ("cache hit", "requests/s, \(connections) connections", ">= 600", { $0 >= 600 }, { median($0, \.hitRate) }, { String(format: "%.0f", $0) }),
            ("under wrk", "GET /healthz p50 (ms)", "-", { _ in true }, { median($0) { $0.health.p50 } }, ms),
            ("under wrk", "GET /healthz p99 (ms)", "-", { _ in true }, { median($0) { $0.health.p99 } }, ms),
            ("pass-through", "p50 through Junction (ms)", "-", { _ in true }, { median($0) { $0.through.p50 } }, ms),
            ("pass-through", "p50 upstream direct (ms)", "-", { _ in true }, { median($0) { $0.direct.p50 } }, ms),
            ("pass-through", "p50 difference (ms)", "<= 0.3 ms", { $0 <= 0.3 }, { median($0) { $0.through.p50 - $0.direct.p50 } }, ms),
            ("pass-through", "p99 difference (ms)", "-", { _ in true }, { median($0) { $0.through.p99 - $0.direct.p99 } }, ms),
            ("routed, new prompt", "p50 (ms)", "-", { _ in true }, { median($0) { $0.fresh.p50 } }, ms),
            ("routed, repeated prompt", "p50 (ms)", "-", { _ in true }, { median($0) { $0.repeated.p50 } }, ms),
        ]
        var table = TextTable(header: ["path", "metric"] + results.map { "\($0.0)" } + ["goal"])
        for (path, metric, goal, meets, value, format) in rows {
            let cells = results.map { _, rounds in
                let figure = value(rounds)
                return format(figure) + (goal == "-" ? "" : meets(figure) ? " met" : " missed")
            }
            table.add([path, metric] + cells + [goal])
        }
        #if DEBUG
        let build = "debug build (measure a release build: swift build -c release)"
        #else
        let build = "release build"
        #endif
        return """
            junction bench gateway: \(build), \(self.rounds) rounds, medians; \(requests) sequential requests per latency figure \
            (one kept-alive connection), wrk 1 thread x \(connections) connections x \(seconds) s for requests/s
            cache hit: model "auto" (embed + route + cache lookup), prompt "\(Self.hitPrompt)"
            pass-through: model "\(Self.benchModel)", no routing, x-junction-cache: bypass; difference = through - direct per round
            routed: model "auto", x-junction-cache: bypass; a new prompt each request (the encoder runs) vs one prompt repeated \
            (the embeddings cache answers, the encoder does not run)
            set-ups: PRECISION/Nw[Mt] = encoder precision, N inference workers, M threads per product; kernels: \
            \(EncoderPrecision.allCases.map { "\($0.rawValue) \(SentenceEncoder.kernelName(for: $0))" }.joined(separator: ", "))
            machine: \(MachineInfo.processor), shared by the gateway, the fake upstream and the load generator; \
            load average at the start and after each set-up: \(loads.joined(separator: ", "))
            \(table.render())
            """
    }

    static func chatBody(model: String, prompt: String) -> String {
        #"{"model": "\#(model)", "messages": [{"role": "user", "content": "\#(prompt)"}]}"#
    }

    private func config(_ variant: GatewayBenchVariant, upstream: String, dataDirectory: String) -> String {
        """
        server: {host: 127.0.0.1}
        \(variant.encoderYAML(model: model))
        store: {type: embedded, data_dir: "\(dataDirectory)"}
        upstreams:
          - {name: fake, base_url: "\(upstream)/v1", models: [\(Self.benchModel)], retries: 0}
        routing:
          auto_model: auto
          default: {action: forward, model: \(Self.benchModel)}
        router:
          name: bench
          routes:
            - name: account
              references: [how do I reset my password, I forgot my password, my account is locked]
              metadata: {model: \(Self.benchModel)}
              distance_threshold: 0.5
          routing_config: {max_k: 1, aggregation_method: avg}
          vectorizer: {type: hf, model: sentence-transformers/all-MiniLM-L6-v2}
        cache: {enabled: true, name: bench}
        """
    }
}
