import Foundation

/// A Python program from `scripts/`, run with the project venv's interpreter.
struct PythonPeer {
    let python: URL
    let script: URL

    init(script relativePath: String) throws {
        guard let python = ProjectPaths.venvPython() else {
            throw CLIError("the project venv (.venv) was not found: run scripts/setup --bench")
        }
        guard let scripts = ProjectPaths.scriptsFolder() else {
            throw CLIError("the project's scripts/ folder was not found: run junction from the repository")
        }
        self.python = python
        script = scripts.appendingPathComponent(relativePath)
    }

    /// Runs the script with `arguments` and returns its standard output.
    func run(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HF_HUB_OFFLINE"] = "1"
        environment["TOKENIZERS_PARALLELISM"] = "false"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIError("\(script.lastPathComponent) failed with status \(process.terminationStatus) (is the peer installed? scripts/setup --bench)")
        }
        return data
    }
}
