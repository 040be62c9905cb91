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
        var environment = ProcessInfo.processInfo.environment
        environment["HF_HUB_OFFLINE"] = "1"
        environment["TOKENIZERS_PARALLELISM"] = "false"
        return try Subprocess.output(
            of: python, [script.path] + arguments, environment: environment,
            failure: "\(script.lastPathComponent) failed (is the peer installed? scripts/setup --bench)"
        )
    }
}
