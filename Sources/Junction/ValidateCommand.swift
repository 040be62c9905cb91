import ArgumentParser
import Foundation
import JunctionGateway

/// `junction validate --config FILE`: checks a config file as `junction serve` would, without serving.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a gateway config file without serving.",
        discussion: """
            Reads the file as `junction serve --config FILE` does (unknown keys, bad values and settings that \
            cannot work together are errors naming the key) and prints a summary. Exits 1 on the first error. \
            Environment variables the file names (api_key_env, key_env) are reported when unset, as warnings.
            """
    )

    @Option(name: .long, help: ArgumentHelp("YAML config file.", valueName: "file"))
    var config: String

    func run() throws {
        var configuration: GatewayConfiguration
        do {
            configuration = try GatewayConfiguration.load(from: URL(fileURLWithPath: config))
        } catch {
            throw CLIError(error.message)
        }
        ServeCommand.applyEnvironment(ProcessInfo.processInfo.environment, to: &configuration)
        let routes = configuration.routerDefinition.map { "\($0.routes.count) routes in router '\($0.name)'" } ?? "no router"
        let keys = configuration.access.keys.count
        print("\(config): ok (\(configuration.store.kind.rawValue) store, \(configuration.upstreams.count) upstreams, \(routes), "
            + "cache \(configuration.cache.enabled ? "on" : "off"), \(keys) configured keys, keys \(configuration.access.required ? "required" : "optional"))")
    }
}
