import Foundation
import Synchronization

/// Progress of long work on standard error: at most a few lines a second, only
/// when there is enough work to be worth reporting.
final class ProgressReporter: Sendable {
    private let label: String
    private let minimumTotal: Int
    private let last = Mutex<ContinuousClock.Instant?>(nil)
    private let started = ContinuousClock.now

    init(label: String, minimumTotal: Int = 500) {
        self.label = label
        self.minimumTotal = minimumTotal
    }

    func report(_ done: Int, of total: Int) {
        guard total >= minimumTotal else { return }
        let now = ContinuousClock.now
        let due = last.withLock { previous -> Bool in
            guard done == total || previous.map({ now - $0 >= .milliseconds(500) }) ?? true else { return false }
            previous = now
            return true
        }
        guard due else { return }
        let seconds = (now - started).milliseconds / 1000
        let rate = seconds > 0 ? Double(done) / seconds : 0
        Terminal.log("\(label): \(done)/\(total) (\(Int(rate))/s)\(done == total ? ", done in \(String(format: "%.1f", seconds)) s" : "")")
    }
}
