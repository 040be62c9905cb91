import Foundation

/// Standard error output for progress and diagnostics (standard output carries data).
enum Terminal {
    static func log(_ line: String) {
        FileHandle.standardError.write(Data(("junction: " + line + "\n").utf8))
    }
}
