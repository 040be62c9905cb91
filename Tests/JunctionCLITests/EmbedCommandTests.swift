import Foundation
import Testing

/// `junction embed`, in the exact forms other tools call it.
@Suite struct EmbedCommandTests {
    static let reference: [String: [Double]] = {
        let url = CLIRunner.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/minilm/reference.json")
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let entries = object["entries"] as? [[String: Any]]
        else { return [:] }
        return Dictionary(entries.compactMap { entry in
            (entry["text"] as? String).flatMap { text in (entry["embedding"] as? [Double]).map { (text, $0) } }
        }, uniquingKeysWith: { first, _ in first })
    }()

    @Test func textArgumentsPrintOneJSONObjectEach() throws {
        let result = try CLIRunner.run(["embed", "A man is eating food.", "The cat sits outside."])
        #expect(result.status == 0, "\(result.error)")
        let lines = try CLIRunner.jsonLines(result.output)
        #expect(lines.count == 2)
        #expect(lines.map { $0["text"] as? String } == ["A man is eating food.", "The cat sits outside."])
        #expect(lines[0]["tokens"] as? Int == 8)
        let embedding = try #require(lines[0]["embedding"] as? [Double])
        let expected = try #require(Self.reference["A man is eating food."])
        #expect(embedding.count == 384)
        #expect(zip(embedding, expected).allSatisfy { abs($0 - $1) <= 1e-4 })
        #expect(result.output.hasPrefix(#"{"text": "A man is eating food.", "tokens": 8, "embedding": ["#))
    }

    @Test func standardInputIsOneTextPerLine() throws {
        let input = "Hi\n\nwhat are the latest advancements in AI?\ntab\tinside \"quotes\"\n"
        let result = try CLIRunner.run(["embed", "--batch-size", "2"], input: input)
        #expect(result.status == 0, "\(result.error)")
        let lines = try CLIRunner.jsonLines(result.output)
        #expect(lines.map { $0["text"] as? String } == ["Hi", "", "what are the latest advancements in AI?", "tab\tinside \"quotes\""])
        #expect(lines[1]["tokens"] as? Int == 2)
        let embedding = try #require(lines[2]["embedding"] as? [Double])
        let expected = try #require(Self.reference["what are the latest advancements in AI?"])
        #expect(zip(embedding, expected).allSatisfy { abs($0 - $1) <= 1e-4 })
    }

    @Test func modelFlagLoadsAnotherModel() throws {
        let tiny = CLIRunner.packageRoot.appendingPathComponent("Tests/JunctionEncoderTests/Fixtures/tiny/cls-cased-f32")
        let result = try CLIRunner.run(["embed", "--model", tiny.path, "Hello World"])
        #expect(result.status == 0, "\(result.error)")
        let embedding = try #require(try CLIRunner.jsonLines(result.output).first?["embedding"] as? [Double])
        #expect(embedding.count == 48)
    }

    @Test func verboseSaysWhichKernelsRun() throws {
        let result = try CLIRunner.run(["embed", "--verbose", "hello"])
        #expect(result.status == 0)
        #expect(result.error.contains("BLAS: "))
        #expect(result.error.contains("kernels"))
        #expect(result.error.contains("384-d, mean pooling, max 256 tokens"))
    }

    @Test func missingModelDirectoryIsAClearError() throws {
        let result = try CLIRunner.run(["embed", "--model", "/no/such/model", "hello"])
        #expect(result.status != 0)
        #expect(result.output.isEmpty)
        #expect(result.error.contains("/no/such/model"))
        #expect(!result.error.contains("Fatal error"))
    }

    @Test func badOptionsAreRejectedWithUsage() throws {
        let result = try CLIRunner.run(["embed", "--threads", "0", "hello"])
        #expect(result.status != 0)
        #expect(result.error.contains("--threads must be at least 1"))
        let unknown = try CLIRunner.run(["embed", "--bogus"])
        #expect(unknown.status != 0)
        #expect(unknown.error.contains("Unknown option '--bogus'"))
    }

    @Test func helpListsTheCommands() throws {
        let result = try CLIRunner.run(["--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("embed"))
        #expect(result.output.contains("bench"))
    }
}
