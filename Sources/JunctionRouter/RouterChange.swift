/// One step from one router definition to another, applied through the `Router` operations, so an
/// embedded router and a Redis router (and every instance reading the Redis one) change the same way.
public enum RouterChange: Sendable, Equatable {
    /// A route that was not there.
    case addRoute(Route)
    /// A route that is gone.
    case removeRoute(String)
    /// New references of a route.
    case addReferences(route: String, references: [String])
    /// References a route no longer has.
    case deleteReferences(route: String, references: [String])
    /// New thresholds, by route.
    case updateThresholds([String: Double])
    /// A new routing config.
    case updateRoutingConfig(RoutingConfig)
}

extension RouterDefinition {
    /// The changes that turn this definition into `target` (same name and vectorizer). A route whose
    /// metadata changed is removed and added again (the `Router` operations have no metadata update);
    /// references are added before others are deleted, so a route never passes through having none.
    public func changes(to target: RouterDefinition) -> [RouterChange] {
        var changes: [RouterChange] = []
        let current = Dictionary(routes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let wanted = Set(target.routes.map(\.name))
        for route in routes where !wanted.contains(route.name) {
            changes.append(.removeRoute(route.name))
        }
        var thresholds: [String: Double] = [:]
        for route in target.routes {
            guard let old = current[route.name] else {
                changes.append(.addRoute(route))
                continue
            }
            if old.metadata != route.metadata {
                changes += [.removeRoute(route.name), .addRoute(route)]
                continue
            }
            let oldReferences = Set(old.references), newReferences = Set(route.references)
            let added = route.references.filter { !oldReferences.contains($0) }
            let removed = old.references.filter { !newReferences.contains($0) }
            if !added.isEmpty { changes.append(.addReferences(route: route.name, references: added)) }
            if !removed.isEmpty { changes.append(.deleteReferences(route: route.name, references: removed)) }
            if old.distanceThreshold != route.distanceThreshold { thresholds[route.name] = route.distanceThreshold }
        }
        if !thresholds.isEmpty { changes.append(.updateThresholds(thresholds)) }
        if routingConfig != target.routingConfig { changes.append(.updateRoutingConfig(target.routingConfig)) }
        return changes
    }
}

extension Router {
    /// Applies changes in order; stops at the first that fails (those before it stay applied).
    public func apply(_ changes: [RouterChange]) async throws(RouterError) {
        for change in changes {
            switch change {
            case .addRoute(let route): try await addRoute(route)
            case .removeRoute(let name): try await removeRoute(named: name)
            case .addReferences(let route, let references): try await addReferences(references, to: route)
            case .deleteReferences(let route, let references):
                try await deleteReferences(route: route, ids: references.map(ReferenceID.of))
            case .updateThresholds(let thresholds): try await updateRouteThresholds(thresholds)
            case .updateRoutingConfig(let config): try await updateRoutingConfig(config)
            }
        }
    }
}
