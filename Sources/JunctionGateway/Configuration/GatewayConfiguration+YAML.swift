import Foundation
import JunctionRouter
import Yams

extension GatewayConfiguration {
    /// The top-level keys of the config file.
    static let keys = ["server", "encoder", "store", "upstreams", "routing", "router", "router_file", "cache", "tenants", "auth", "limits", "admin", "session", "guard"]

    /// Reads a config file; `router_file` paths are relative to the file's folder.
    public static func load(from url: URL) throws(GatewayError) -> GatewayConfiguration {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw GatewayError.invalidConfig("config file not found or unreadable: \(url.path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw GatewayError.invalidConfig("\(url.path): not UTF-8 text")
        }
        do {
            return try parse(yaml: text, directory: url.deletingLastPathComponent())
        } catch {
            throw GatewayError.invalidConfig("\(url.path): \(error.message)")
        }
    }

    /// Parses config YAML: every key optional, unknown keys and invalid values are errors naming the key path
    /// (`cache.ttl_secs: unknown key (did you mean ttl_seconds?)`). The result is validated.
    public static func parse(yaml: String, directory: URL? = nil) throws(GatewayError) -> GatewayConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw GatewayError.invalidConfig("not valid YAML (\(error))")
        }
        var configuration = GatewayConfiguration()
        guard let root, !ConfigNode(root, path: "").isNull else { return configuration }
        let members = try ConfigNode(root, path: "").mapping(allowed: keys)
        if let value = members["server"], !value.isNull { configuration.server = try ServerSettings(value) }
        if let value = members["encoder"], !value.isNull { configuration.encoder = try EncoderSettings(value) }
        if let value = members["store"], !value.isNull { configuration.store = try StoreSettings(value) }
        if let value = members["upstreams"] {
            configuration.upstreamsConfigured = true
            if !value.isNull {
                configuration.upstreams = try value.sequence().map { (item: ConfigNode) throws(GatewayError) in try UpstreamConfiguration(item) }
            }
        }
        if let value = members["routing"], !value.isNull { configuration.routing = try RoutingSettings(value) }
        if let value = members["cache"], !value.isNull { configuration.cache = try CacheSettings(value) }
        if let value = members["tenants"], !value.isNull {
            let tenants = try value.mapping(allowed: ["api_keys"])
            if let keys = tenants["api_keys"], !keys.isNull { configuration.tenantKeys = try keys.stringMap() }
        }
        if let value = members["auth"], !value.isNull { try configuration.access.readAuth(value) }
        if let value = members["limits"], !value.isNull { try configuration.access.readLimits(value) }
        if let value = members["admin"], !value.isNull { try configuration.access.readAdmin(value) }
        if let value = members["session"], !value.isNull { configuration.session = try SessionSettings(value) }
        if let value = members["guard"], !value.isNull { configuration.guardSettings = try GuardSettings(value) }
        switch (members["router"], members["router_file"]) {
        case (let inline?, _?):
            throw inline.error("give either router or router_file, not both")
        case (let inline?, nil):
            configuration.router = inline.isNull ? .none : .definition(try routerDefinition(inline))
        case (nil, let file?):
            let path = try file.nonEmptyString()
            let url = path.hasPrefix("/") || directory == nil
                ? URL(fileURLWithPath: path) : directory!.appendingPathComponent(path)
            do {
                configuration.router = .definition(try RouterDefinition.load(from: url))
            } catch {
                throw file.error(error.message)
            }
        case (nil, nil):
            break
        }
        try configuration.validate()
        return configuration
    }

    /// A router dict inside the config, checked with the router module's own rules; `vectorizer` defaults
    /// to the default model and `routing_config` to RedisVL's defaults.
    private static func routerDefinition(_ node: ConfigNode) throws(GatewayError) -> RouterDefinition {
        var tree = node.node
        if case .mapping(var mapping) = tree {
            if mapping["vectorizer"] == nil {
                mapping["vectorizer"] = Node.mapping(Node.Mapping([
                    (Node("type"), Node("hf")), (Node("model"), Node(ExampleRouter.definition.vectorizer.model)),
                ]))
            }
            if mapping["routing_config"] == nil { mapping["routing_config"] = Node.mapping(Node.Mapping([])) }
            tree = .mapping(mapping)
        }
        let text: String
        do {
            text = try Yams.serialize(node: tree)
        } catch {
            throw node.error("cannot read the router (\(error))")
        }
        do {
            let definition = try RouterDefinition.decode(Data(text.utf8), yaml: true, source: "router")
            try definition.validate()
            return definition
        } catch {
            let message = error.message.hasPrefix("router: ") ? String(error.message.dropFirst(8)) : error.message
            throw node.error(message)
        }
    }
}
