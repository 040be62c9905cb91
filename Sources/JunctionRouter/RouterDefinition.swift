import Foundation

/// A router as RedisVL writes it (`SemanticRouter.to_dict()`): name, routes,
/// vectorizer and routing config. Files in this shape load in both.
public struct RouterDefinition: Sendable, Equatable, Codable {
    /// Router name; also the Redis index name and key prefix.
    public var name: String
    /// The routes, in order.
    public var routes: [Route]
    /// The embedding model the references are meant for.
    public var vectorizer: VectorizerDescription
    /// Routing settings.
    public var routingConfig: RoutingConfig

    enum CodingKeys: String, CodingKey {
        case name, routes, vectorizer
        case routingConfig = "routing_config"
    }

    /// Creates a definition; call `validate()` before use.
    public init(name: String, routes: [Route], vectorizer: VectorizerDescription, routingConfig: RoutingConfig = RoutingConfig()) {
        self.name = name
        self.routes = routes
        self.vectorizer = vectorizer
        self.routingConfig = routingConfig
    }

    /// Throws when the router or any route is invalid, or route names repeat.
    public func validate() throws(RouterError) {
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw RouterError(code: "invalid_router", message: "router name must not be empty")
        }
        var seen: Set<String> = []
        for route in routes {
            try route.validate()
            guard seen.insert(route.name).inserted else {
                throw RouterError(code: "duplicate_route", message: "route \(route.name) appears twice in router \(name)")
            }
        }
        try routingConfig.validate()
        if routingConfig.aggregationMethod == .softmax, let softmax = routingConfig.softmax {
            try softmax.validate(for: routes.map(\.name))
        }
    }

    /// The route named `name`.
    public func route(named name: String) -> Route? {
        routes.first { $0.name == name }
    }
}
