import ArgumentParser
import Foundation
import JunctionGuard
import JunctionJSON

/// `junction guard eval`: PII precision/recall/F1 per type and jailbreak ROC AUC / TPR at fixed FPR per source.
struct GuardEvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate the guard on labelled data (by default the held-out part the heads never saw).",
        discussion: """
            --pii FILE: lines like pii_train.jsonl; precision, recall and F1 per entity type and overall
            (micro), a finding matching a labelled span of the same type when they overlap by at least half
            of the longer one (URL counts as DOMAIN_NAME, LOCATION as GPE).
            --jailbreak FILE: lines like jb_train.jsonl; ROC AUC, true-positive rate at 1% and 5% false
            positives, and precision/recall/F1 at the threshold (the head's, or --threshold), per source.
            --leave-one-source-out also trains an attack head on all sources but one and tests it on that one.
            """
    )

    /// Which part of a file is evaluated.
    enum Split: String, ExpressibleByArgument, CaseIterable {
        case heldOut = "held-out", train, all
    }

    @OptionGroup var guardOptions: GuardOptions

    @Option(help: "PII data (JSON lines with text and entities).")
    var pii: String?

    @Option(help: "Jailbreak data (JSON lines with text, label and source).")
    var jailbreak: String?

    @Option(help: "Part of the files to evaluate: held-out (default; what the heads never saw), train or all.")
    var split: Split = .heldOut

    @Option(help: "Attack threshold for F1 (default: the head's, chosen for 1% false positives).")
    var threshold: Double?

    @Flag(help: "Also train on all sources but one and test on that one, for each source.")
    var leaveOneSourceOut = false

    @Flag(help: "Print one JSON object instead of tables.")
    var json = false

    func validate() throws {
        guard pii != nil || jailbreak != nil else { throw ValidationError("give --pii FILE and/or --jailbreak FILE") }
        if let threshold, !(0...1).contains(threshold) { throw ValidationError("--threshold must be between 0 and 1") }
    }

    func run() async throws {
        let scanner = try await guardOptions.loadGuard()
        var report: [String: PythonJSON.Value] = [:]
        var text = ""
        if let pii {
            let examples = try selected(GuardData.piiExamples(at: URL(fileURLWithPath: pii)), \.isHeldOut)
            let metrics = await GuardEvaluation.pii(examples, guard: scanner, minScore: guardOptions.minScore)
            report["pii"] = GuardEvaluation.json(metrics, texts: examples.count)
            text += GuardEvaluation.table(metrics, title: "PII (\(examples.count) texts, \(split.rawValue))") + "\n"
        }
        if let jailbreak {
            let all = try GuardData.jailbreakExamples(at: URL(fileURLWithPath: jailbreak))
            let examples = selected(all, \.isHeldOut)
            let threshold = threshold ?? scanner.attackHead.threshold
            let bySource = await GuardEvaluation.jailbreak(examples, guard: scanner, threshold: threshold)
            report["jailbreak"] = GuardEvaluation.json(bySource)
            text += GuardEvaluation.table(bySource, title: "Jailbreak (\(examples.count) prompts, \(split.rawValue), threshold \(JSONText.number((threshold * 10000).rounded() / 10000)))") + "\n"
            if leaveOneSourceOut {
                let loso = await GuardEvaluation.leaveOneSourceOut(all, encoder: scanner.encoder) { Terminal.log($0) }
                report["jailbreak_leave_one_source_out"] = GuardEvaluation.json(loso)
                text += GuardEvaluation.table(loso, title: "Jailbreak, trained without the source it is tested on (all its prompts)") + "\n"
            }
        }
        print(json ? PythonJSON.dumps(.object(report.sorted { $0.key < $1.key })) : text, terminator: json ? "\n" : "")
    }

    private func selected<Example>(_ examples: [Example], _ heldOut: KeyPath<Example, Bool>) -> [Example] {
        switch split {
        case .heldOut: examples.filter { $0[keyPath: heldOut] }
        case .train: examples.filter { !$0[keyPath: heldOut] }
        case .all: examples
        }
    }
}
