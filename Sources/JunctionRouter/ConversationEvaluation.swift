import Foundation
import JunctionEncoder

/// A labelled conversation: user turns, each with the route it should take (nil: none).
public struct LabeledConversation: Sendable, Equatable {
    /// One user turn.
    public struct Turn: Sendable, Equatable {
        public var text: String
        public var label: String?

        /// A turn.
        public init(text: String, label: String?) {
            self.text = text
            self.label = label
        }
    }

    public var id: String
    /// `follow` (later turns lean on earlier ones) or `switch` (the topic really changes), or free.
    public var kind: String
    public var turns: [Turn]

    /// A conversation.
    public init(id: String, kind: String, turns: [Turn]) {
        self.id = id
        self.kind = kind
        self.turns = turns
    }
}

/// Per-turn routing accuracy and route switches of a conversation routing on labelled conversations.
public struct ConversationReport: Sendable, Equatable {
    /// Turns routed, and those routed to their label.
    public var turns = 0
    public var correct = 0
    /// Per conversation kind: turns and correct ones.
    public var byKind: [String: (turns: Int, correct: Int)] = [:]
    /// Turns whose route differs from the previous turn's, as routed and as labelled.
    public var switches = 0
    public var labelledSwitches = 0
    /// Routed switches where the labels stay on one route (bouncing), and labelled ones the routing missed.
    public var spuriousSwitches = 0
    public var missedSwitches = 0

    /// Share of turns routed to their label.
    public var accuracy: Double { turns == 0 ? 0 : Double(correct) / Double(turns) }

    public static func == (a: ConversationReport, b: ConversationReport) -> Bool {
        a.turns == b.turns && a.correct == b.correct && a.switches == b.switches && a.labelledSwitches == b.labelledSwitches
            && a.spuriousSwitches == b.spuriousSwitches && a.missedSwitches == b.missedSwitches
            && a.byKind.mapValues { [$0.turns, $0.correct] } == b.byKind.mapValues { [$0.turns, $0.correct] }
    }
}

extension ConversationRouting {
    /// Routes every turn of `conversations` as a session would be routed, turn after turn, and scores it.
    public func evaluate(_ conversations: [LabeledConversation], router: any Router, embedder: any TextEmbedder) async throws -> ConversationReport {
        let routeCount = max(1, router.definition.routes.count)
        var texts = Set<String>()
        for conversation in conversations {
            for index in conversation.turns.indices {
                let window = conversation.turns[max(0, index - turnsRead + 1)...index].map(\.text)
                switch input {
                case .lastMessage: texts.insert(conversation.turns[index].text)
                case .lastTurns: texts.insert(Self.joined(window))
                case .weighted: texts.formUnion(window)
                }
            }
        }
        let ordered = Array(texts)
        let vectors = Dictionary(uniqueKeysWithValues: zip(ordered, try await embedder.vectors(for: ordered)))
        var report = ConversationReport()
        for conversation in conversations {
            var current: String?
            var previousLabel: String??
            for (index, turn) in conversation.turns.enumerated() {
                let window = conversation.turns[max(0, index - turnsRead + 1)...index].map(\.text)
                let vector: [Float]
                switch input {
                case .lastMessage: vector = vectors[turn.text]!
                case .lastTurns: vector = vectors[Self.joined(window)]!
                case .weighted(_, let decay): vector = Self.weightedVector(window.map { vectors[$0]! }, decay: decay)
                }
                let matches = try await router.routeMany(vector: vector, maxK: routeCount, aggregation: nil)
                let chosen = choose(matches, current: current)?.route
                report.turns += 1
                report.byKind[conversation.kind, default: (0, 0)].turns += 1
                if chosen == turn.label {
                    report.correct += 1
                    report.byKind[conversation.kind, default: (0, 0)].correct += 1
                }
                if index > 0 {
                    let switched = chosen != current
                    let labelledSwitch = previousLabel.map { $0 != turn.label } ?? false
                    if switched { report.switches += 1 }
                    if labelledSwitch { report.labelledSwitches += 1 }
                    if switched, !labelledSwitch { report.spuriousSwitches += 1 }
                    if labelledSwitch, !switched { report.missedSwitches += 1 }
                }
                current = chosen
                previousLabel = .some(turn.label)
            }
        }
        return report
    }
}
