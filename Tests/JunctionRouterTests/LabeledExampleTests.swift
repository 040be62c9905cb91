import Foundation
import JunctionRouter
import Testing

@Suite struct LabeledExampleTests {
    func load(_ text: String) async throws -> Result<[LabeledExample], RouterError> {
        try await withTemporaryDirectory { directory throws in
            let url = directory.appendingPathComponent("data.jsonl")
            try Data(text.utf8).write(to: url)
            return Result { () throws(RouterError) in try LabeledExample.load(from: url) }
        }
    }

    @Test func readsTextsAndLabelsSkippingBlankLines() async throws {
        let text = """
        {"text": "refund please", "label": "billing"}

        {"text": "what is the weather", "label": null}
           \t
        {"text": "no label key"}
        """
        let examples = try await load(text).get()
        #expect(examples == [
            LabeledExample(text: "refund please", label: "billing"),
            LabeledExample(text: "what is the weather", label: nil),
            LabeledExample(text: "no label key", label: nil),
        ])
    }

    @Test func malformedLineIsNamedByNumber() async throws {
        let text = """
        {"text": "one", "label": "a"}

        {"text": "three", "label": "a"}
        not json at all
        """
        let error = try #require(try await load(text).failure)
        #expect(error.code == "invalid_file")
        #expect(error.message.contains("data.jsonl:4:"))
    }

    @Test func missingTextIsNamedByLineNumber() async throws {
        let error = try #require(try await load("{\"text\": \"ok\", \"label\": null}\n{\"label\": \"a\"}\n").failure)
        #expect(error.message.contains(":2:"))
    }

    @Test func labelOfTheWrongTypeIsNamedByLineNumber() async throws {
        let error = try #require(try await load("{\"text\": \"x\", \"label\": 3}").failure)
        #expect(error.message.contains(":1:"))
        #expect(error.message.contains("label"))
    }

    @Test func fileWithoutExamplesIsRejected() async throws {
        let error = try #require(try await load("\n  \n").failure)
        #expect(error.code == "invalid_file")
        #expect(error.message.contains("no examples"))
    }

    @Test func missingFileIsRejected() throws {
        let url = URL(fileURLWithPath: "/nonexistent/junction/data.jsonl")
        let error = try #require(throws: RouterError.self) { try LabeledExample.load(from: url) }
        #expect(error.code == "invalid_file")
        #expect(error.message.contains(url.path))
    }
}

extension Result {
    /// The error, when this is a failure.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
