import Foundation
import Testing

/// `junction cache` on the embedded store, with the real model, as a user runs it.
@Suite(.serialized) struct CacheCommandTests {
    let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("junction-cli-cache-\(UUID().uuidString)").path

    func cache(_ arguments: [String]) throws -> CLIRunner.Result {
        try CLIRunner.run(["cache"] + arguments + ["--data-dir", dataDir])
    }

    @Test func storeThenCheckAParaphraseAcrossProcesses() throws {
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let stored = try cache(["store", "How do I reset my password?", "Use the 'Forgot password' link.", "--metadata", "{\"source\": \"faq\"}", "--filter", "tenant=acme"])
        #expect(stored.status == 0, "\(stored.error)")
        let key = stored.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.hasPrefix("llmcache:") && key.count == 9 + 64)

        let hit = try cache(["check", "What are the steps to reset my password?", "--distance-threshold", "0.3", "--filter", "tenant=acme"])
        #expect(hit.status == 0, "\(hit.error)")
        let hits = try CLIRunner.jsonLines(hit.output)
        #expect(hits.count == 1)
        #expect(hits.first?["response"] as? String == "Use the 'Forgot password' link.")
        #expect(hits.first?["key"] as? String == key)
        #expect((hits.first?["metadata"] as? [String: Any])?["source"] as? String == "faq")
        let distance = try #require(hits.first?["distance"] as? Double)
        #expect(distance > 0 && distance <= 0.3)

        // Another tenant never sees it; an unrelated prompt misses.
        let otherTenant = try cache(["check", "How do I reset my password?", "--filter", "tenant=globex"])
        #expect(otherTenant.status == 0 && otherTenant.output.isEmpty)
        #expect(otherTenant.error.contains("no entry within 0.1"))
        let unrelated = try cache(["check", "Will it rain tomorrow?", "--filter", "tenant=acme"])
        #expect(unrelated.output.isEmpty)

        let stats = try cache(["stats"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stats.output.utf8)) as? [String: Any])
        #expect(object["entries"] as? Int == 1)
        #expect(object["backend"] as? String == "embedded")

        let dropped = try cache(["drop", key])
        #expect(dropped.output == "dropped 1 of 1\n")
        #expect(try cache(["check", "How do I reset my password?", "--filter", "tenant=acme"]).output.isEmpty)
    }

    @Test func clearEmptiesTheCache() throws {
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        _ = try cache(["store", "a question", "an answer"])
        _ = try cache(["store", "another question", "another answer"])
        #expect(try cache(["clear"]).output == "cleared 2 entries\n")
        #expect(try cache(["check", "a question"]).output.isEmpty)
    }

    @Test func badInputGetsAClearErrorAndANonZeroExit() throws {
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let threshold = try cache(["check", "x", "--distance-threshold", "3"])
        #expect(threshold.status != 0)
        #expect(threshold.error.contains("--distance-threshold must be between 0 and 2"))
        let filter = try cache(["check", "x", "--filter", "user=1"])
        #expect(filter.status != 0)
        #expect(filter.error.contains("'user' is not a filterable field"))
        let metadata = try cache(["store", "x", "y", "--metadata", "[1]"])
        #expect(metadata.status != 0)
        #expect(metadata.error.contains("--metadata must be a JSON object"))
        let malformed = try cache(["check", "x", "--filter", "tenant"])
        #expect(malformed.status != 0)
        #expect(malformed.error.contains("expected FIELD=VALUE"))
    }

    @Test func evalPrintsPrecisionRecallAndHitRatePerThreshold() throws {
        let pairs = CLIRunner.packageRoot.appendingPathComponent("Tests/Fixtures/cache/pairs.jsonl").path
        let result = try CLIRunner.run(["cache", "eval", "--data", pairs, "--json", "--thresholds", "0.05,0.2,0.4"])
        #expect(result.status == 0, "\(result.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let rows = try #require(object["thresholds"] as? [[String: Any]])
        #expect(rows.map { $0["threshold"] as? Double } == [0.05, 0.2, 0.4])
        let recalls = rows.compactMap { $0["recall"] as? Double }
        let hitRates = rows.compactMap { $0["hit_rate"] as? Double }
        #expect(recalls == recalls.sorted() && hitRates == hitRates.sorted())
        // A looser threshold finds more paraphrases, and starts serving wrong answers to look-alike questions.
        #expect(recalls[2] > recalls[0])
        let strict = try #require(rows[0]["precision"] as? Double)
        let loose = try #require(rows[2]["precision"] as? Double)
        #expect(strict >= loose)

        let table = try CLIRunner.run(["cache", "eval", "--data", pairs])
        #expect(table.output.contains("threshold  precision  recall  hit rate  hits"))
        #expect(table.output.contains("best F1 at threshold"))
    }

    @Test func evalRejectsABadDataFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-pairs-\(UUID().uuidString).jsonl")
        try "{\"a\": \"x\", \"b\": \"y\", \"duplicate\": true}\n{\"a\": \"x\"}\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLIRunner.run(["cache", "eval", "--data", file.path])
        #expect(result.status != 0)
        #expect(result.error.contains("line 2"))
    }
}
