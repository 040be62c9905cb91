import Foundation
import JunctionRedis
import Logging
import NIOCore
import ServiceLifecycle

/// Keeps this instance's copy of the shared configuration current: subscribes to the `ConfigBus` channel,
/// applies other instances' changes as they are announced, and after every (re)subscription catches up
/// from the version counter. Reconnects with backoff while Redis is away; ends on graceful shutdown.
struct ConfigBusService: Service {
    let bus: ConfigBus
    let gateway: Gateway
    let logger: Logger

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            var attempt = 0
            while !Task.isCancelled {
                do {
                    let messages = try await bus.client.subscribe(to: [bus.channel])
                    attempt = 0
                    try await catchUp()
                    for await message in messages {
                        guard let (version, kind, sender) = ConfigBus.parse(String(buffer: message.payload)) else { continue }
                        guard sender != bus.instance else { continue }
                        await gateway.applySharedChange(kind)
                        bus.lastSeen.store(max(bus.lastSeen.load(ordering: .relaxed), version), ordering: .relaxed)
                    }
                    if !Task.isCancelled { logger.warning("config bus: subscription ended; reconnecting") }
                } catch {
                    if attempt == 0 { logger.warning("config bus: cannot subscribe; retrying", metadata: ["error": "\((error as? RedisError)?.message ?? "\(error)")"]) }
                }
                attempt += 1
                try? await Task.sleep(for: RetryBackoff(baseMilliseconds: 100).delay(beforeRetry: min(attempt, 5)))
            }
        }
    }

    /// Applies everything when the counter moved while this instance was not listening.
    private func catchUp() async throws(RedisError) {
        let version = try await bus.currentVersion()
        guard version != bus.lastSeen.load(ordering: .relaxed) else { return }
        for kind in ConfigBus.Kind.allCases { await gateway.applySharedChange(kind) }
        bus.lastSeen.store(version, ordering: .relaxed)
    }
}
