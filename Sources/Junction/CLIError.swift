/// A command-line failure: printed as `Error: message` with a non-zero exit.
struct CLIError: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) {
        description = message
    }
}
