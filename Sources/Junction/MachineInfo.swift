import Foundation

/// What every benchmark prints beside its figures: the CPU model, the cores and the load average, read
/// from /proc (the machine changes between sessions and is shared).
enum MachineInfo {
    /// `model name` of /proc/cpuinfo (`unknown CPU` elsewhere).
    static var cpuModel: String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
              let colon = line.firstIndex(of: ":")
        else { return "unknown CPU" }
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    /// The 1-minute load average, nil where /proc/loadavg is missing.
    static var loadAverage: Double? {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.flatMap { Double($0) }
    }

    /// The load average as printed beside figures (`1.02`, `?` where unknown).
    static var loadAverageText: String { loadAverage.map { String(format: "%.2f", $0) } ?? "?" }

    /// `CPU: AMD EPYC ..., 2 cores`.
    static var processor: String { "CPU: \(cpuModel), \(ProcessInfo.processInfo.activeProcessorCount) cores" }

    /// One line: `CPU: AMD EPYC ..., 2 cores, load average 1.02`.
    static var summary: String {
        let load = loadAverage.map { String(format: ", load average %.2f", $0) } ?? ""
        return processor + load
    }
}
