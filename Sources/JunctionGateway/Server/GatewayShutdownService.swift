import ServiceLifecycle

/// The service that closes the gateway when the service group shuts down: it waits for graceful shutdown,
/// then flushes the cache and closes the clients. Placed before the HTTP application in the group, it runs
/// after the server stopped taking requests and its in-flight requests finished (a group shuts its services
/// down in reverse order).
public struct GatewayShutdownService: Service {
    /// The gateway to close.
    public let gateway: Gateway

    /// A service closing `gateway`.
    public init(gateway: Gateway) {
        self.gateway = gateway
    }

    /// Waits for graceful shutdown (or cancellation), then closes the gateway.
    public func run() async throws {
        try? await gracefulShutdown()
        await gateway.shutdown()
    }
}

extension Gateway {
    /// The service that keeps this instance's keys and routes in step with the other instances sharing its
    /// Redis (nil on the embedded store); part of `serviceGroup`.
    public var sharedConfigurationService: (any Service)? {
        bus.map { ConfigBusService(bus: $0, gateway: self, logger: logger) }
    }

    /// The gateway as a service group: the HTTP application, its shutdown service, the config bus on Redis
    /// and any `additional` services (the Envoy processor, the SIGHUP reload), stopping gracefully on SIGTERM
    /// and SIGINT within `server.shutdown_grace_seconds`.
    public func serviceGroup(additional: [any Service] = [], onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> ServiceGroup {
        var services: [any Service] = [GatewayShutdownService(gateway: self)]
        if let shared = sharedConfigurationService { services.append(shared) }
        services += additional
        services.append(application(onServerRunning: onServerRunning))
        var configuration = ServiceGroupConfiguration(
            services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        configuration.maximumGracefulShutdownDuration = .milliseconds(Int64(self.configuration.server.shutdownGraceSeconds * 1000))
        return ServiceGroup(configuration: configuration)
    }
}
