import ArgumentParser
import Foundation
import JunctionGuard
import JunctionJSON

/// `junction guard scan`: findings, attack score and redacted text of each input as JSON lines.
struct GuardScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan texts for PII, secrets and prompt attacks; print one JSON line per text.",
        discussion: """
            With no TEXT, reads one JSON object {"text": "..."} per line from standard input. Each output
            line is {"entities": [{"type", "start", "end", "score"}], "jailbreak": SCORE, "redacted": "..."},
            start/end counting Unicode scalars from 0 (end exclusive, as Python string indices).
            """
    )

    @OptionGroup var guardOptions: GuardOptions

    @Argument(help: "Texts to scan.")
    var texts: [String] = []

    func run() async throws {
        let scanner = try await guardOptions.loadGuard()
        if !texts.isEmpty {
            for text in texts { try await write(text, scanner) }
            return
        }
        var number = 0
        while let line = readLine(strippingNewline: true) {
            number += 1
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)),
                let text = object["text"]?.stringValue
            else {
                throw CLIError("standard input line \(number): expected a JSON object {\"text\": \"...\"}")
            }
            try await write(text, scanner)
        }
    }

    private func write(_ text: String, _ scanner: PromptGuard) async throws {
        let scan = await scanner.scan(text)
        let findings = scan.findings.filter { $0.score >= guardOptions.minScore }
        var redactor = Redactor(texts: [text])
        let redacted = redactor.redact(text, findings: findings)
        let entities = findings.map {
            "{\"type\": \(JSONText.quote($0.type.rawValue)), \"start\": \($0.start), \"end\": \($0.end), \"score\": \(JSONText.number((($0.score * 1000).rounded() / 1000)))}"
        }
        let line = "{\"entities\": [\(entities.joined(separator: ", "))], \"jailbreak\": \(JSONText.number((scan.attackScore * 10000).rounded() / 10000)), \"redacted\": \(JSONText.quote(redacted))}\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }
}
