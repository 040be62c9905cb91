/// Polls `condition` until it is true or `timeout` passes (no fixed sleeps); returns its last answer.
public func eventually(
    within timeout: Duration,
    every interval: Duration = .milliseconds(20),
    _ condition: () async -> Bool
) async -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: interval)
    }
    return await condition()
}
