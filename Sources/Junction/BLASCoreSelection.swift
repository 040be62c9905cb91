import Foundation
import JunctionEncoder

/// Makes OpenBLAS use the fast kernels for this CPU without the user setting
/// anything.
///
/// OpenBLAS 0.3.21 (Debian 12) does not recognise recent Xeons and falls back
/// to its SSE3 "Prescott" kernels (measured here: 28 vs 86-132 GFLOP/s). It
/// reads `OPENBLAS_CORETYPE` only when the library loads, which happens before
/// `main`, so when the loaded kernels are weaker than the CPU allows, this sets
/// the variable and re-executes the same binary with the same arguments.
enum BLASCoreSelection {
    /// Set in the re-executed process so verbose output can say the core was chosen here.
    static let markerVariable = "JUNCTION_BLAS_CORE_SELECTED"

    static func reexecIfNeeded() {
        #if os(Linux)
        guard getenv("OPENBLAS_CORETYPE") == nil,
              let wanted = bestCore(flags: cpuFlags()),
              rank(BLAS.coreName) < rank(wanted)
        else { return }
        setenv("OPENBLAS_CORETYPE", wanted, 1)
        setenv(markerVariable, "1", 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // exec failed: carry on with the kernels already loaded.
        unsetenv("OPENBLAS_CORETYPE")
        unsetenv(markerVariable)
        #endif
    }

    /// One line for verbose output, e.g. `OpenBLAS 0.3.21 (SkylakeX kernels, selected for this CPU)`.
    static var summary: String {
        let selected = ProcessInfo.processInfo.environment[markerVariable] == "1"
        let description = BLAS.coreDescription
        return selected ? description.replacingOccurrences(of: " kernels)", with: " kernels, selected for this CPU)") : description
    }

    /// The best OpenBLAS core for the CPU flags of `/proc/cpuinfo`.
    static func bestCore(flags: Set<String>) -> String? {
        if flags.isSuperset(of: ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]) { return "SkylakeX" }
        if flags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        if flags.contains("avx") { return "Sandybridge" }
        return nil
    }

    /// Orders OpenBLAS x86-64 core names by the width of their kernels; unknown names rank highest so they are left alone.
    static func rank(_ core: String) -> Int {
        switch core.lowercased() {
        case "katmai", "coppermine", "northwood", "prescott", "banias", "core2", "penryn", "dunnington",
             "nehalem", "atom", "opteron", "barcelona", "bobcat", "bulldozer": return 0
        case "sandybridge", "piledriver", "steamroller", "excavator": return 1
        case "haswell", "zen": return 2
        case "skylakex", "cooperlake", "sapphirerapids": return 3
        default: return 4
        }
    }

    private static func cpuFlags() -> Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":")
        else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }
}
