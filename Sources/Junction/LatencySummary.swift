/// Median and tail of a set of latency samples, in milliseconds.
struct LatencySummary {
    var p50: Double
    var p99: Double

    init(p50: Double, p99: Double) {
        self.p50 = p50
        self.p99 = p99
    }

    /// Summarises samples (milliseconds); nearest-rank percentiles.
    init(samples: [Double]) {
        let sorted = samples.sorted()
        p50 = Self.percentile(sorted, 50)
        p99 = Self.percentile(sorted, 99)
    }

    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let index = Int((q / 100 * Double(sorted.count - 1)).rounded())
        return sorted[min(sorted.count - 1, max(0, index))]
    }

    /// The median of `values` (the middle of several benchmark rounds).
    static func median(_ values: [Double]) -> Double {
        percentile(values.sorted(), 50)
    }
}
