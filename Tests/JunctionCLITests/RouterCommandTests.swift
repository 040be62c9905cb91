import Foundation
import Testing

/// `junction route`, `eval` and `fit` in the exact forms other tools call.
@Suite struct RouterCommandTests {
    static let intents = CLIRunner.packageRoot.appendingPathComponent("Tests/Fixtures/intents")
    static var routerFile: String { intents.appendingPathComponent("router.yaml").path }

    static func temporaryFile(_ name: String, _ contents: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("junction-\(UUID().uuidString)-\(name)")
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func routePrintsRouteAndDistancePerText() throws {
        let result = try CLIRunner.run(["route", "--router", Self.routerFile, "what's the weather like tomorrow", "zzzz qqqq xxxx"])
        #expect(result.status == 0, "\(result.error)")
        let lines = try CLIRunner.jsonLines(result.output)
        #expect(lines.count == 2)
        #expect(lines[0]["route"] as? String == "weather")
        let distance = try #require(lines[0]["distance"] as? Double)
        #expect(distance > 0 && distance < 0.5)
        #expect(lines[1]["route"] is NSNull)
        #expect(lines[1]["distance"] is NSNull)
        #expect(result.output.split(separator: "\n")[1] == #"{"route": null, "distance": null}"#)
    }

    @Test func routeReadsJSONOrPlainLinesFromStandardInput() throws {
        let input = "{\"text\": \"set an alarm for 6 am\"}\nplease transfer 50 dollars to my savings\n"
        let result = try CLIRunner.run(["route", "--router", Self.routerFile], input: input)
        #expect(result.status == 0, "\(result.error)")
        #expect(try CLIRunner.jsonLines(result.output).map { $0["route"] as? String } == ["set_alarm", "transfer_money"])
    }

    @Test func routeManyListsMatchesNearestFirst() throws {
        let result = try CLIRunner.run(["route", "--router", Self.routerFile, "--many", "--max-k", "3", "--aggregation", "min", "remind me to pay the electricity bill"])
        #expect(result.status == 0, "\(result.error)")
        let matches = try #require(try CLIRunner.jsonLines(result.output).first?["matches"] as? [[String: Any]])
        #expect(!matches.isEmpty && matches.count <= 3)
        let distances = matches.compactMap { $0["distance"] as? Double }
        #expect(distances == distances.sorted())
        #expect(matches.allSatisfy { $0["route"] is String })
    }

    @Test func badRouterFilesAreClearErrors() throws {
        let blank = try Self.temporaryFile("blank.yaml", """
            name: r
            routes:
            - name: " "
              references: [hello]
            vectorizer: {type: hf, model: sentence-transformers/all-MiniLM-L6-v2}
            routing_config: {max_k: 1, aggregation_method: avg}
            """)
        let result = try CLIRunner.run(["route", "--router", blank, "hi"])
        #expect(result.status != 0)
        #expect(result.error.contains("route name must not be empty"))
        let missing = try CLIRunner.run(["route", "--router", "/no/such/router.yaml", "hi"])
        #expect(missing.status != 0)
        #expect(missing.error.contains("/no/such/router.yaml"))
        let badFlag = try CLIRunner.run(["route", "--router", Self.routerFile, "--aggregation", "median", "hi"])
        #expect(badFlag.status != 0)
        #expect(badFlag.error.contains("--aggregation must be one of"))
    }

    @Test func evalReportsAccuracyAndOutOfScopeScores() throws {
        let result = try CLIRunner.run(["eval", "--router", Self.routerFile, "--data", Self.intents.appendingPathComponent("test.jsonl").path, "--json"])
        #expect(result.status == 0, "\(result.error)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let accuracy = try #require(report["accuracy"] as? Double)
        #expect(accuracy > 0.5 && accuracy < 1)
        #expect(report["no_route_precision"] is Double)
        #expect(report["no_route_recall"] is Double)
        let perRoute = try #require(report["per_route"] as? [String: [String: Any]])
        #expect(perRoute.count == 30)
        #expect(perRoute["weather"]?["support"] as? Int == 15)

        let table = try CLIRunner.run(["eval", "--router", Self.routerFile, "--data", Self.intents.appendingPathComponent("test.jsonl").path])
        #expect(table.output.hasPrefix("accuracy "))
        #expect(table.output.contains("most frequent confusions"))
    }

    @Test func evalRejectsUnknownLabelsAndMalformedLines() throws {
        let unknown = try Self.temporaryFile("unknown.jsonl", "{\"text\": \"hi\", \"label\": \"no_such_route\"}\n")
        let result = try CLIRunner.run(["eval", "--router", Self.routerFile, "--data", unknown])
        #expect(result.status != 0)
        #expect(result.error.contains("no_such_route"))
        let malformed = try Self.temporaryFile("bad.jsonl", "{\"text\": \"ok\", \"label\": null}\nnot json\n")
        let bad = try CLIRunner.run(["eval", "--router", Self.routerFile, "--data", malformed])
        #expect(bad.status != 0)
        #expect(bad.error.contains(":2:"))
    }

    /// Fitted on fit.jsonl (6% out of scope), told test.jsonl's share (56%), the router beats the unfitted one on test.jsonl.
    @Test func fitBeatsTheUnfittedRouterOnHeldOutData() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("junction-fit-\(UUID().uuidString).yaml").path
        let fit = try CLIRunner.run([
            "fit", "--router", Self.routerFile, "--data", Self.intents.appendingPathComponent("fit.jsonl").path,
            "--out", out, "--aggregation-methods", "avg,min,sum", "--no-route-share", "0.56",
        ])
        #expect(fit.status == 0, "\(fit.error)")
        #expect(fit.output.contains("cross-validated (5 folds): expected accuracy"))
        let fitted = try String(contentsOfFile: out, encoding: .utf8)
        #expect(fitted.hasPrefix("name: intents\nroutes:\n- name: transfer_money\n  references:\n"))
        #expect(fitted.range(of: #"[0-9]e-?[0-9]"#, options: .regularExpression) == nil, "numbers must be written so PyYAML reads them as numbers")

        func accuracy(_ router: String) throws -> Double {
            let result = try CLIRunner.run(["eval", "--router", router, "--data", Self.intents.appendingPathComponent("test.jsonl").path, "--json"])
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
            return try #require(report["accuracy"] as? Double)
        }
        let before = try accuracy(Self.routerFile), after = try accuracy(out)
        #expect(after > before + 0.03, "fitted \(after) vs unfitted \(before)")
    }

    @Test func dataDirectoryKeepsVectorsAcrossRuns() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("junction-data-\(UUID().uuidString)").path
        let first = try CLIRunner.run(["route", "--router", Self.routerFile, "--data-dir", directory, "what's the weather"])
        #expect(first.status == 0, "\(first.error)")
        let second = try CLIRunner.run(["route", "--router", Self.routerFile, "--data-dir", directory, "what's the weather"])
        #expect(second.output == first.output)
        let saved = try FileManager.default.subpathsOfDirectory(atPath: directory)
        #expect(saved.contains { $0.hasSuffix("vectors.jvec") })
        #expect(saved.contains { $0.hasSuffix("router.json") })
    }
}
