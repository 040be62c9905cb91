import Foundation
import Synchronization

/// A `junction` subcommand run as a child process that announces itself with one line on standard output,
/// `listening on http://HOST:PORT` (`junction serve`, `junction fake-upstream`). Its standard error goes to a
/// log file, shown when it fails.
final class ChildServer: Sendable {
    /// `http://HOST:PORT`.
    let url: String
    /// Where its standard error goes.
    let logFile: URL
    private let process: Process
    private let name: String

    /// Starts `executable arguments` and waits, up to `timeout`, for its `listening on` line.
    init(name: String, executable: URL, arguments: [String], logFile: URL, timeout: Duration = .seconds(180)) throws {
        self.name = name
        self.logFile = logFile
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = log
        try process.run()
        self.process = process

        // A watchdog ends a child that never announces itself; reading its output then ends too.
        let announced = Mutex(false)
        let watchdog = DispatchWorkItem {
            if !announced.withLock({ $0 }) && process.isRunning { process.terminate() }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(Int(timeout.milliseconds)), execute: watchdog)
        var output = Data()
        var found: String?
        while found == nil {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            output.append(chunk)
            let text = String(decoding: output, as: UTF8.self)
            for line in text.split(separator: "\n") where line.hasPrefix("listening on http://") {
                found = String(line.dropFirst("listening on ".count))
            }
        }
        announced.withLock { $0 = true }
        watchdog.cancel()
        guard let found else {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            let stderr = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            throw CLIError("\(name) did not print `listening on http://HOST:PORT` (exit status \(process.terminationStatus)); "
                           + "its standard error:\n\(stderr.suffix(3000))")
        }
        url = found
        // Keep draining standard output so the child never blocks on a full pipe.
        let reader = pipe.fileHandleForReading
        DispatchQueue.global().async {
            while !reader.availableData.isEmpty {}
        }
    }

    /// Stops the child with SIGTERM and waits for it; returns its exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Whether the child still runs.
    var isRunning: Bool { process.isRunning }

    /// The last part of its standard error, for a failure message.
    var stderrTail: String {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return "\(name) standard error (\(logFile.path)):\n" + String(text.suffix(3000))
    }
}
