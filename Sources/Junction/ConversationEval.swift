import Foundation
import JunctionEncoder
import JunctionRouter

/// `junction eval --conversations FILE`: per-turn routing accuracy and route switches of labelled
/// multi-turn conversations, routed by the last message, by the last N turns as one text, and by the
/// conversation-aware mode (turns weighted toward the latest, with stickiness).
struct ConversationEval {
    let turns: Int
    let decay: Double
    let margin: Double

    /// The modes compared, in order.
    var modes: [(name: String, routing: ConversationRouting)] {
        [
            ("last message", ConversationRouting()),
            ("last \(turns) turns, one text", ConversationRouting(input: .lastTurns(turns))),
            ("conversation-aware: \(turns) turns weighted \(decay)^age, stickiness \(margin)",
             ConversationRouting(input: .weighted(turns: turns, decay: decay), stickinessMargin: margin)),
        ]
    }

    /// Reads `{"id"?, "kind"?, "turns": [{"text", "label"}]}` lines; labels must name routes of the router.
    static func load(_ path: String, routes: Set<String>) throws -> [LabeledConversation] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("\(path): file not found or unreadable") }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        var conversations: [LabeledConversation] = []
        for (number, line) in lines.enumerated() {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
                  let turns = object["turns"] as? [[String: Any]], !turns.isEmpty
            else { throw CLIError("\(path):\(number + 1): expected {\"turns\": [{\"text\": ..., \"label\": ...}, ...]}") }
            var parsed: [LabeledConversation.Turn] = []
            for turn in turns {
                guard let text = turn["text"] as? String, !text.isEmpty else { throw CLIError("\(path):\(number + 1): every turn needs a non-empty \"text\"") }
                let label = turn["label"] as? String
                if let label, !routes.contains(label) {
                    throw CLIError("\(path):\(number + 1): label '\(label)' is not a route of the router (routes: \(routes.sorted().joined(separator: ", ")))")
                }
                parsed.append(LabeledConversation.Turn(text: text, label: label))
            }
            conversations.append(LabeledConversation(id: object["id"] as? String ?? "line-\(number + 1)", kind: object["kind"] as? String ?? "all", turns: parsed))
        }
        guard !conversations.isEmpty else { throw CLIError("\(path): no conversations") }
        return conversations
    }

    func run(_ conversations: [LabeledConversation], router: any Router, embedder: any TextEmbedder, json: Bool) async throws -> String {
        var results: [(String, ConversationReport)] = []
        for (name, routing) in modes {
            results.append((name, try await routing.evaluate(conversations, router: router, embedder: embedder)))
        }
        let kinds = Set(conversations.map(\.kind)).sorted()
        if json {
            let rows: [[String: Any]] = results.map { name, report in
                [
                    "mode": name, "turns": report.turns, "accuracy": report.accuracy, "switches": report.switches,
                    "labelled_switches": report.labelledSwitches, "spurious_switches": report.spuriousSwitches,
                    "missed_switches": report.missedSwitches,
                    "accuracy_by_kind": report.byKind.mapValues { $0.turns == 0 ? 0 : Double($0.correct) / Double($0.turns) },
                ]
            }
            return String(decoding: try JSONSerialization.data(withJSONObject: ["conversations": conversations.count, "modes": rows], options: [.sortedKeys]), as: UTF8.self)
        }
        func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
        var table = TextTable(header: ["mode", "accuracy"] + kinds.map { "\($0) turns" } + ["switches (labelled)", "spurious", "missed"])
        for (name, report) in results {
            let byKind = kinds.map { kind in report.byKind[kind].map { percent($0.turns == 0 ? 0 : Double($0.correct) / Double($0.turns)) } ?? "-" }
            table.add([name, percent(report.accuracy)] + byKind + ["\(report.switches) (\(report.labelledSwitches))", "\(report.spuriousSwitches)", "\(report.missedSwitches)"])
        }
        let turnCount = conversations.reduce(0) { $0 + $1.turns.count }
        return "\(conversations.count) conversations, \(turnCount) turns; a switch is a turn routed elsewhere than the turn before\n" + table.render()
    }
}
