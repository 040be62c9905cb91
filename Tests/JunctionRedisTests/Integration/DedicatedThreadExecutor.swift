import Foundation

/// A task executor backed by one thread of its own, for tests that measure how long a call takes.
///
/// Swift Testing runs CPU-bound tests (the RESP fuzz tests) on the same few cooperative threads as every
/// other test, so a wall-clock measurement taken there includes seconds spent waiting for a thread. Running the
/// measured code with `withTaskExecutorPreference(DedicatedThreadExecutor.shared)` keeps it off that pool.
final class DedicatedThreadExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked Sendable: `jobs` is only touched while holding `condition`, and the thread is started once in init.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    static let shared = DedicatedThreadExecutor()

    private init() {
        let thread = Thread { [unowned self] in self.run() }
        thread.name = "JunctionRedisTests timing executor"
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty {
                condition.wait()
            }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch {
                job.runSynchronously(on: asUnownedTaskExecutor())
            }
        }
    }
}

/// Runs `body` on the dedicated thread and returns its result and how long it took.
func timed<T: Sendable>(_ body: () async -> T) async -> (T, Duration) {
    await withTaskExecutorPreference(DedicatedThreadExecutor.shared) {
        let clock = ContinuousClock()
        let start = clock.now
        let value = await body()
        return (value, clock.now - start)
    }
}
