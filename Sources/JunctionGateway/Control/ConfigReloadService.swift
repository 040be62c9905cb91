import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the configuration on SIGHUP: `load` reads and checks the file again (the executable applies
/// the environment), then `Gateway.reload(to:)` switches to it, all or nothing. A file that does not load
/// or cannot be applied is logged with the key at fault; the running configuration stays.
public struct ConfigReloadService: Service {
    let gateway: Gateway
    let load: @Sendable () throws(GatewayError) -> GatewayConfiguration
    let logger: Logger

    /// A service reloading `gateway` from what `load` returns.
    public init(gateway: Gateway, logger: Logger, load: @escaping @Sendable () throws(GatewayError) -> GatewayConfiguration) {
        self.gateway = gateway
        self.load = load
        self.logger = logger
    }

    public func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in signals {
                logger.notice("SIGHUP: reloading the configuration")
                do throws(GatewayError) {
                    try await gateway.reload(to: try load())
                } catch {
                    gateway.metrics.configChange("reload_refused")
                    logger.error("configuration not reloaded; the running configuration stays", metadata: ["error": "\(error.message)"])
                }
            }
        }
    }
}
