import Foundation
import Testing

/// Runs the built `junction` executable as a user would.
struct CLIRunner {
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `junction` binary next to the test bundle (same build configuration).
    static var executable: URL {
        get throws {
            let buildFolder = Bundle.main.bundleURL.deletingLastPathComponent()
            for candidate in [buildFolder, packageRoot.appendingPathComponent(".build/debug")] {
                let binary = candidate.appendingPathComponent("junction")
                if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
            }
            Issue.record("junction executable not found next to \(buildFolder.path): run swift build first")
            throw CancellationError()
        }
    }

    /// Runs `junction arguments`, feeding `input` on standard input.
    static func run(_ arguments: [String], input: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = try executable
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let error = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: String(decoding: output, as: UTF8.self),
            error: String(decoding: error, as: UTF8.self)
        )
    }

    /// Each output line parsed as a JSON object.
    static func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
        }
    }
}
