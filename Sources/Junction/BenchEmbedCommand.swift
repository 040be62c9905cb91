import ArgumentParser
import Foundation
import JunctionEncoder

/// `junction bench embed`: Junction's encoder vs sentence-transformers, same model, same inputs, same run.
struct BenchEmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embedding latency and throughput, Junction vs sentence-transformers.",
        discussion: "Needs the Python peers: scripts/setup --bench. Figures are medians over --rounds rounds."
    )

    @OptionGroup var encoderOptions: EncoderOptions

    @Option(help: "Rounds of each side; the table shows the median round.")
    var rounds = 3

    @Option(help: "Single-query samples per round and thread count.")
    var iterations = 200

    @Flag(help: "Measure Junction only (no Python peer).")
    var junctionOnly = false

    @Option(help: ArgumentHelp("Comma-separated precisions to measure side by side (default: fp32,bf16,int8).", valueName: "list"))
    var precisions = "fp32,bf16,int8"

    /// The precisions of --precisions, in the order given.
    var chosenPrecisions: [EncoderPrecision] {
        get throws {
            try precisions.split(separator: ",").map { name in
                guard let precision = EncoderPrecision(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("--precisions: '\(name)' is not one of \(EncoderPrecision.names)")
                }
                return precision
            }
        }
    }

    /// A 13-token query ([CLS] and [SEP] included) and a batch of 32 everyday sentences.
    static let query = "How do I reset my password if I forgot it?"

    func validate() throws {
        guard rounds >= 1, iterations >= 10 else { throw ValidationError("--rounds must be >= 1 and --iterations >= 10") }
        guard try !chosenPrecisions.isEmpty else { throw ValidationError("--precisions: give at least one precision") }
    }

    func run() throws {
        let modelDirectory = try encoderOptions.chosenModel().directory.path
        let peer = junctionOnly ? nil : try PythonPeer(script: "bench/embed_peer.py")
        let inputsFile = try writeInputs()
        defer { try? FileManager.default.removeItem(at: inputsFile) }

        // First, before any peer ran: RUSAGE_CHILDREN reports the largest child so far.
        let rss = try measureEmbedRSS(modelDirectory: modelDirectory)
        let precisions = try chosenPrecisions
        var ours: [EncoderPrecision: [Figures]] = [:], theirs: [Figures] = []
        var peerName = "sentence-transformers"
        var loads = [MachineInfo.loadAverageText]
        for round in 1...rounds {
            for precision in precisions {
                Terminal.log("round \(round)/\(rounds): Junction \(precision.rawValue)")
                ours[precision, default: []].append(try measureJunction(precision))
            }
            if let peer {
                Terminal.log("round \(round)/\(rounds): sentence-transformers")
                let output = try peer.run(["--model", modelDirectory, "--inputs", inputsFile.path, "--iterations", "\(iterations)"])
                let figures = try Figures(peerJSON: output)
                peerName = figures.name
                theirs.append(figures)
            }
            loads.append(MachineInfo.loadAverageText)
        }
        print(report(ours: precisions.map { ($0, ours[$0] ?? []) }, theirs: theirs, peerName: peerName, junctionRSS: rss, loads: loads))
    }

    /// One round's figures for one side.
    struct Figures {
        var name = "Junction"
        var queryTokens = 0
        var single1: LatencySummary
        var single2: LatencySummary
        var batchPerSecond: Double
        var peakRSS: Double = .nan

        init(name: String = "Junction", queryTokens: Int, single1: LatencySummary, single2: LatencySummary, batchPerSecond: Double) {
            self.name = name
            self.queryTokens = queryTokens
            self.single1 = single1
            self.single2 = single2
            self.batchPerSecond = batchPerSecond
        }

        init(peerJSON data: Data) throws {
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let s1 = object["single_1"] as? [String: Double], let s2 = object["single_2"] as? [String: Double],
                  let batch = object["batch32_per_s"] as? Double
            else { throw CLIError("the Python peer printed no result: \(String(decoding: data, as: UTF8.self).prefix(300))") }
            name = object["peer"] as? String ?? "sentence-transformers"
            queryTokens = object["query_tokens"] as? Int ?? 0
            single1 = LatencySummary(p50: s1["p50_ms"] ?? .nan, p99: s1["p99_ms"] ?? .nan)
            single2 = LatencySummary(p50: s2["p50_ms"] ?? .nan, p99: s2["p99_ms"] ?? .nan)
            batchPerSecond = batch
            peakRSS = object["peak_rss_mb"] as? Double ?? .nan
        }
    }

    private func measureJunction(_ precision: EncoderPrecision) throws -> Figures {
        var singles: [LatencySummary] = []
        var batchRate = 0.0
        var tokens = 0
        for threads in [1, 2] {
            let encoder = try encoderOptions.loadEncoder(threads: threads, precision: precision)
            tokens = encoder.tokenizer.encode(Self.query).count
            for _ in 0..<20 { _ = encoder.encode([Self.query]) }
            var samples: [Double] = []
            samples.reserveCapacity(iterations)
            for _ in 0..<iterations {
                let start = ContinuousClock.now
                _ = encoder.encode([Self.query])
                samples.append((ContinuousClock.now - start).milliseconds)
            }
            singles.append(LatencySummary(samples: samples))
            if threads == 1 {
                _ = encoder.encode(Self.batch)
                var rates: [Double] = []
                for _ in 0..<10 {
                    let start = ContinuousClock.now
                    _ = encoder.encode(Self.batch)
                    rates.append(Double(Self.batch.count) / ((ContinuousClock.now - start).milliseconds / 1000))
                }
                batchRate = LatencySummary.median(rates)
            }
        }
        return Figures(queryTokens: tokens, single1: singles[0], single2: singles[1], batchPerSecond: batchRate)
    }

    /// Peak resident memory (MB) of `junction embed` embedding one text, in a child process.
    private func measureEmbedRSS(modelDirectory: String) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        process.arguments = ["embed", "--model", modelDirectory, Self.query]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    private func writeInputs() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("junction-bench-\(getpid()).json")
        let data = try JSONSerialization.data(withJSONObject: ["query": Self.query, "batch": Self.batch])
        try data.write(to: url)
        return url
    }

    private func report(
        ours: [(EncoderPrecision, [Figures])], theirs: [Figures], peerName: String, junctionRSS: Double, loads: [String]
    ) -> String {
        func median(_ list: [Figures], _ value: (Figures) -> Double) -> Double { LatencySummary.median(list.map(value)) }
        let rows: [(String, (Figures) -> Double, Bool)] = [
            ("single query p50, 1 thread (ms)", { $0.single1.p50 }, true),
            ("single query p99, 1 thread (ms)", { $0.single1.p99 }, true),
            ("single query p50, 2 threads (ms)", { $0.single2.p50 }, true),
            ("single query p99, 2 threads (ms)", { $0.single2.p99 }, true),
            ("batch-32, 1 thread (sentences/s)", { $0.batchPerSecond }, false),
        ]
        let names = ours.map { "Junction \($0.0.rawValue)" }
        let advantages = theirs.isEmpty ? [] : ours.map { "\($0.0.rawValue) advantage" }
        var table = TextTable(header: ["metric"] + names + [theirs.isEmpty ? "-" : "sentence-transformers"] + advantages)
        for (name, value, lowerIsBetter) in rows {
            let mine = ours.map { median($0.1, value) }
            guard !theirs.isEmpty else {
                table.add([name] + mine.map(Self.format) + ["-"])
                continue
            }
            let peer = median(theirs, value)
            let ratios = mine.map { String(format: "%.2fx", lowerIsBetter ? peer / $0 : $0 / peer) }
            table.add([name] + mine.map(Self.format) + [Self.format(peer)] + ratios)
        }
        let peerRSS = theirs.isEmpty ? Double.nan : median(theirs, \.peakRSS)
        table.add(["peak RSS of one fp32 embed process (MB)", Self.format(junctionRSS)] + Array(repeating: "", count: ours.count - 1)
            + [theirs.isEmpty ? "-" : Self.format(peerRSS)] + (theirs.isEmpty ? [] : [String(format: "%.2fx", peerRSS / junctionRSS)]))
        var header = "junction bench embed: model \((try? encoderOptions.chosenModel().name) ?? "?"), query \"\(Self.query)\" (\(ours.first?.1.first?.queryTokens ?? 0) tokens), batch of \(Self.batch.count), \(rounds) rounds, medians\n"
        header += "\(MachineInfo.processor); load average at the start and after each round: \(loads.joined(separator: ", "))\n"
        header += "Junction: BLAS \(BLASCoreSelection.summary); dense-layer kernels: "
        header += ours.map { "\($0.0.rawValue) \(SentenceEncoder.kernelName(for: $0.0))" }.joined(separator: ", ") + "\n"
        #if DEBUG
        header += "debug build (the encoder module is compiled -Ounchecked in both; measure a release build: swift build -c release)\n"
        #endif
        if !theirs.isEmpty { header += "peer: \(peerName)\n" }
        return header + table.render()
    }

    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        return value >= 100 ? String(format: "%.0f", value) : String(format: "%.2f", value)
    }

    static let batch = [
        "A man is eating food.", "The new movie is awesome and everyone should see it.",
        "How do I reset my password?", "Can you recommend a good Italian restaurant nearby?",
        "What is the capital of France?", "Explain the difference between TCP and UDP.",
        "Write a haiku about autumn leaves falling in the park.", "Who won the football game last night?",
        "Summarise this article about climate change in three sentences.", "What's the weather like tomorrow in Berlin?",
        "Translate 'good morning' into Japanese.", "I forgot my login credentials and cannot access my account.",
        "What are the latest advancements in artificial intelligence?", "How many calories are in a banana?",
        "Book a table for two at seven tonight.", "Why is the sky blue during the day but red at sunset?",
        "Solve the equation 3x + 5 = 20 for x.", "What are the side effects of ibuprofen?",
        "Generate a SQL query that counts orders per customer.", "Is it safe to travel to Iceland in winter?",
        "Tell me a joke about programmers.", "How do vaccines train the immune system?",
        "What is the best way to learn the guitar as an adult?", "Cancel my subscription, please.",
        "Compare the iPhone and Android phones for battery life.", "What time does the pharmacy close on Sundays?",
        "Draft a polite email declining a meeting invitation.", "How does compound interest work?",
        "List three healthy breakfast ideas without eggs.", "Where can I find the API documentation?",
        "My order arrived damaged, what should I do?", "Recommend a science fiction novel for a long flight.",
    ]
}
