import Foundation

/// Runs a helper program (the project's scripts, the Python peers) and collects its standard output.
enum Subprocess {
    /// Runs `executable` with `arguments` and returns its standard output; throws
    /// `failure` (with the exit status appended) when it exits non-zero.
    static func output(
        of executable: URL, _ arguments: [String], environment: [String: String]? = nil, failure: String
    ) throws -> Data {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIError("\(failure) (exit status \(process.terminationStatus))")
        }
        return data
    }
}
