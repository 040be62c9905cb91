/// Exponential backoff with jitter between attempts at one remote service: attempt `n` (0-based) waits
/// `base * 2^n`, scaled by a random factor in [0.5, 1.5), capped at 30 seconds.
public struct RetryBackoff: Sendable {
    /// The base delay in milliseconds.
    public var baseMilliseconds: Int

    /// A backoff from a base delay in milliseconds.
    public init(baseMilliseconds: Int) {
        self.baseMilliseconds = baseMilliseconds
    }

    /// The wait before retry number `retry` (0 = the first retry), given a random factor in [0, 1).
    public func delay(beforeRetry retry: Int, random: Double) -> Duration {
        guard baseMilliseconds > 0 else { return .zero }
        let exponential = Double(baseMilliseconds) * Double(1 << min(retry, 16))
        let jittered = exponential * (0.5 + random)
        return .milliseconds(Int(min(jittered, 30_000)))
    }

    /// The wait before retry number `retry`, with a random jitter.
    public func delay(beforeRetry retry: Int) -> Duration {
        delay(beforeRetry: retry, random: Double.random(in: 0..<1))
    }
}
