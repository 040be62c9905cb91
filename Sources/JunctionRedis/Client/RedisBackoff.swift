/// How long the pool waits before trying to reconnect after consecutive failed connects: exponential
/// backoff with jitter, so a Redis that is down is not hammered and many clients do not retry in step.
///
/// After `n` consecutive failures the base delay is `initial * 2^(n-1)`, capped at `maximum`; the actual
/// delay is drawn uniformly from the upper half of that (`[base/2, base]`, "equal jitter").
struct RedisBackoff: Sendable, Equatable {
    /// The base delay after the first failure. Default 50 ms.
    var initial: Duration = .milliseconds(50)
    /// The cap on the base delay. Default 2 s.
    var maximum: Duration = .seconds(2)

    /// The delay after `failures` consecutive failures (>= 1); `random` is in `0..<1` and picks the jitter.
    func delay(afterFailures failures: Int, random: Double) -> Duration {
        precondition(failures >= 1, "the backoff starts after the first failure")
        var base = initial
        for _ in 1..<min(failures, 32) where base < maximum {
            base *= 2
        }
        base = min(base, maximum)
        return base / 2 + (base / 2) * min(max(random, 0), 1)
    }
}
