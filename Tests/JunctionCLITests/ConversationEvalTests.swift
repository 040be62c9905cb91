import Foundation
import Testing

/// `junction eval --conversations`: per-turn accuracy and switches of the three ways to route a session,
/// on the authored multi-turn set.
@Suite struct ConversationEvalTests {
    static let conversations = CLIRunner.packageRoot.appendingPathComponent("Tests/Fixtures/conversations/conversations.jsonl").path

    @Test func conversationAwareRoutingBeatsTheLastMessageAndBouncesLess() throws {
        let result = try CLIRunner.run(["eval", "--router", RouterCommandTests.routerFile, "--conversations", Self.conversations, "--json"])
        #expect(result.status == 0, "\(result.error)")
        let report = try #require(try CLIRunner.jsonLines(result.output).first)
        #expect(report["conversations"] as? Int == 40)
        let modes = try #require(report["modes"] as? [[String: Any]])
        #expect(modes.count == 3)
        let last = modes[0], aware = modes[2]
        #expect((last["mode"] as? String) == "last message")
        #expect((aware["accuracy"] as? Double ?? 0) > (last["accuracy"] as? Double ?? 1) + 0.2)
        #expect((aware["spurious_switches"] as? Int ?? 99) < (last["spurious_switches"] as? Int ?? 0) / 2)
        #expect(modes.allSatisfy { $0["turns"] as? Int == 139 })
    }

    @Test func badConversationFilesAreClearErrors() throws {
        let unknown = try RouterCommandTests.temporaryFile("bad.jsonl", #"{"turns": [{"text": "hi", "label": "no_such_route"}]}"# + "\n")
        let result = try CLIRunner.run(["eval", "--router", RouterCommandTests.routerFile, "--conversations", unknown])
        #expect(result.status != 0)
        #expect(result.error.contains("label 'no_such_route' is not a route"))
        let both = try CLIRunner.run(["eval", "--router", RouterCommandTests.routerFile, "--conversations", unknown, "--data", unknown])
        #expect(both.status != 0 && both.error.contains("give --data or --conversations"))
    }
}
