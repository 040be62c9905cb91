import Foundation

/// The machine's processor as benchmarks print it beside every figure: model name, cores and load.
enum CPUModel {
    /// `model name` of /proc/cpuinfo (Linux), or `unknown`.
    static let name: String = {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return "unknown"
    }()

    /// The model and the core count, e.g. `CPU AMD EPYC, 2 cores`.
    static var description: String { "CPU \(name), \(ProcessInfo.processInfo.activeProcessorCount) cores" }

    /// One line for a benchmark header: model, core count and the 1-minute load average now.
    static var summary: String { "\(description), load average \(loadAverage)" }

    /// The 1-minute load average (/proc/loadavg), as printed there.
    static var loadAverage: String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").first.map(String.init) ?? "unknown"
    }
}
