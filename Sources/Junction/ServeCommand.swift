import ArgumentParser
import Foundation
import JunctionEncoder
import JunctionGateway
import JunctionGuard
import JunctionLimits
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// `junction serve`: the OpenAI-compatible gateway. Turns the config file, flags and environment into a
/// `GatewayConfiguration`, loads the encoder, bootstraps Prometheus and runs the gateway's service group
/// until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the OpenAI-compatible gateway: route, cache, forward and stream.",
        discussion: """
            With no --config, runs the embedded default: the local model, the embedded store in .junction, the
            semantic cache on and an example router. Upstream API keys are read from the environment variables
            the config names (api_key_env); when the config has no `upstreams`, OPENAI_BASE_URL and
            OPENAI_API_KEY define the default upstream, as the OpenAI SDK reads them. Prints
            `listening on http://HOST:PORT` to standard output once it accepts connections (--port 0 picks a
            free port). docs/gateway.md describes every config key.
            """
    )

    @Option(name: .long, help: ArgumentHelp("YAML config file (see examples/junction.yaml).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: "Address to listen on (overrides server.host).")
    var host: String?

    @Option(name: .long, help: "Port to listen on, 0 for any free port (overrides server.port).")
    var port: Int?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical") }
    }

    func run() async throws {
        var configuration = try loadConfiguration()
        let environment = ProcessInfo.processInfo.environment
        Self.applyEnvironment(environment, to: &configuration)
        var logger = Logger(label: "junction")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info

        let directory = try configuration.encoder.model.map { URL(fileURLWithPath: $0) } ?? ProjectPaths.defaultModel()
        let name = configuration.encoder.model == nil && environment["JUNCTION_MODEL"] == nil ? ProjectPaths.defaultModelName : nil
        let encoder = try SentenceEncoder(directory: directory, name: name, configuration: configuration.encoder.encoderConfiguration)
        logger.info("model loaded", metadata: [
            "model": "\(encoder.modelName)", "dimension": "\(encoder.dimension)", "precision": "\(encoder.kernelDescription)",
            "workers": "\(configuration.encoder.workers)",
        ])
        if configuration.upstreams.isEmpty {
            logger.warning("no upstream configured: chat requests get 503 until OPENAI_BASE_URL/OPENAI_API_KEY or `upstreams` are set")
        }

        var promptGuard: PromptGuard?
        if configuration.guardSettings.configured {
            let folder = try configuration.guardSettings.headsDirectory.map { URL(fileURLWithPath: $0) } ?? ProjectPaths.guardHeadsFolder()
            let attack = configuration.guardSettings.policy.attack
            do {
                promptGuard = try await PromptGuard.load(
                    encoder: encoder, directory: folder, attackReferences: attack.attackReferences, benignReferences: attack.benignReferences)
            } catch {
                throw CLIError("guard: \(error.message)")
            }
            logger.info("guard loaded", metadata: ["heads": "\(folder.path)", "enabled": "\(configuration.guardSettings.policy.enabled)"])
        }

        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let gateway: Gateway
        do {
            gateway = try await Gateway.open(
                configuration: configuration, embedder: encoder, promptGuard: promptGuard, metrics: GatewayMetrics(),
                renderMetrics: { registry.emitToBuffer() }, logger: logger
            )
        } catch {
            throw CLIError(error.message)
        }
        let host = configuration.server.host
        var services: [any Service] = []
        if let config {
            let flags = (host: self.host, port: self.port)
            services.append(ConfigReloadService(gateway: gateway, logger: logger) { () throws(GatewayError) -> GatewayConfiguration in
                var reloaded = try GatewayConfiguration.load(from: URL(fileURLWithPath: config))
                if let host = flags.host { reloaded.server.host = host }
                if let port = flags.port { reloaded.server.port = port }
                Self.applyEnvironment(ProcessInfo.processInfo.environment, to: &reloaded)
                return reloaded
            })
        }
        try await gateway.serviceGroup(additional: services) { port in
            FileHandle.standardOutput.write(Data("listening on http://\(host):\(port)\n".utf8))
        }.run()
    }

    /// The config file (or the embedded default) with the flags applied; config errors name the key.
    private func loadConfiguration() throws -> GatewayConfiguration {
        var configuration = GatewayConfiguration()
        if let config {
            do {
                configuration = try GatewayConfiguration.load(from: URL(fileURLWithPath: config))
            } catch {
                throw CLIError(error.message)
            }
        }
        if let host { configuration.server.host = host }
        if let port { configuration.server.port = port }
        return configuration
    }

    /// Fills each upstream's API key from the variable it names, the config's API keys' hashes and the
    /// admin key from theirs, and, when the config says nothing about upstreams, adds the default upstream
    /// from `OPENAI_BASE_URL` / `OPENAI_API_KEY`.
    static func applyEnvironment(_ environment: [String: String], to configuration: inout GatewayConfiguration) {
        for index in configuration.access.keys.indices {
            guard let variable = configuration.access.keys[index].keyEnvironmentVariable else { continue }
            if let key = environment[variable], !key.isEmpty {
                configuration.access.keys[index].hash = APIKey.hash(key)
            } else {
                Terminal.log("warning: auth.keys[\(index)]: \(variable) is not set; that key is refused until it is")
            }
        }
        if let variable = configuration.access.adminKeyEnvironmentVariable {
            if let key = environment[variable], !key.isEmpty {
                configuration.access.adminKey = key
            } else {
                Terminal.log("warning: admin.api_key_env: \(variable) is not set; the admin API is off")
            }
        }
        for index in configuration.upstreams.indices {
            guard let variable = configuration.upstreams[index].apiKeyEnvironmentVariable else { continue }
            if let key = environment[variable], !key.isEmpty {
                configuration.upstreams[index].apiKey = key
            } else {
                Terminal.log("warning: upstream '\(configuration.upstreams[index].name)': \(variable) is not set; sending no API key")
            }
        }
        guard !configuration.upstreamsConfigured else { return }
        let baseURL = environment["OPENAI_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let key = environment["OPENAI_API_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        guard baseURL != nil || key != nil else { return }
        configuration.upstreams = [
            UpstreamConfiguration(name: "openai", baseURL: baseURL ?? "https://api.openai.com/v1", apiKeyEnvironmentVariable: "OPENAI_API_KEY", apiKey: key)
        ]
    }
}
