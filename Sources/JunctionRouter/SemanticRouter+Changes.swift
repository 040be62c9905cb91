import Foundation
import JunctionIndex

extension SemanticRouter {
    /// Adds a route, embedding its references. Throws if the name is taken
    /// (extend a route with `addReferences`).
    public func addRoute(_ route: Route) async throws(RouterError) {
        try route.validate()
        if definition.routingConfig.aggregationMethod == .softmax {
            throw RouterError(
                code: "invalid_routing_config",
                message: "router \(definition.name) routes with learned weights (softmax) that know nothing of route \(route.name): run junction fit again with the new route"
            )
        }
        guard definition.route(named: route.name) == nil else {
            throw RouterError(code: "duplicate_route", message: "route \(route.name) already exists; add references to it instead")
        }
        var vectors = cachedVectors
        vectors.merge(try await Self.embedMissing(route.references, cached: vectors, embedder: embedderForChanges, progress: nil)) { $1 }
        try withState { state throws(RouterError) in
            guard state.definition.route(named: route.name) == nil else {
                throw RouterError(code: "duplicate_route", message: "route \(route.name) already exists")
            }
            let position = state.definition.routes.count
            var route = route
            route.references = Self.unique(route.references)
            for reference in route.references {
                let key = ReferenceID.embeddingKey(reference, model: modelName)
                state.vectors[key] = vectors[key]
                try Self.insert(reference, route: route.name, position: position, vector: vectors[key]!, into: &state.index)
            }
            state.definition.routes.append(route)
        }
        try save()
    }

    /// Removes a route and its references; returns false when there was no such route.
    @discardableResult
    public func removeRoute(named name: String) throws(RouterError) -> Bool {
        let removed = try withState { state throws(RouterError) -> Bool in
            guard let position = state.definition.routes.firstIndex(where: { $0.name == name }) else { return false }
            for reference in state.definition.routes[position].references {
                state.index.remove(Self.indexID(route: name, reference: reference))
            }
            state.definition.routes.remove(at: position)
            // The learned scorer stays valid over the remaining routes: drop the removed route's row.
            state.definition.routingConfig.softmax?.routes.removeAll { $0.name == name }
            state.index.retag { _, tag in tag > position ? tag - 1 : tag }
            Self.pruneVectors(&state, model: modelName)
            return true
        }
        if removed { try save() }
        return removed
    }

    /// Adds references to an existing route (texts it already has are skipped);
    /// returns the reference ids of the texts added.
    @discardableResult
    public func addReferences(_ references: [String], to routeName: String) async throws(RouterError) -> [String] {
        guard references.allSatisfy({ !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) else {
            throw RouterError(code: "invalid_route", message: "route \(routeName): all references must be non-empty strings")
        }
        guard definition.route(named: routeName) != nil else { throw Self.unknownRoute(routeName) }
        var vectors = cachedVectors
        vectors.merge(try await Self.embedMissing(references, cached: vectors, embedder: embedderForChanges, progress: nil)) { $1 }
        let added = try withState { state throws(RouterError) -> [String] in
            guard let position = state.definition.routes.firstIndex(where: { $0.name == routeName }) else { throw Self.unknownRoute(routeName) }
            var existing = Set(state.definition.routes[position].references)
            var added: [String] = []
            for reference in references where existing.insert(reference).inserted {
                let key = ReferenceID.embeddingKey(reference, model: modelName)
                state.vectors[key] = vectors[key]
                try Self.insert(reference, route: routeName, position: position, vector: vectors[key]!, into: &state.index)
                state.definition.routes[position].references.append(reference)
                added.append(ReferenceID.of(reference))
            }
            return added
        }
        try save()
        return added
    }

    /// References of one route, or with the given reference ids, or all.
    public func references(route routeName: String? = nil, ids: [String]? = nil) throws(RouterError) -> [RouteReference] {
        let definition = self.definition
        if let routeName, definition.route(named: routeName) == nil { throw Self.unknownRoute(routeName) }
        let wanted = ids.map(Set.init)
        return definition.routes.filter { routeName == nil || $0.name == routeName }.flatMap { route in
            route.references.map { RouteReference(referenceID: ReferenceID.of($0), routeName: route.name, reference: $0) }
        }.filter { wanted?.contains($0.referenceID) ?? true }
    }

    /// Deletes references by route and/or reference id; returns how many were
    /// deleted. Refuses to leave a route with no references (RedisVL allows it
    /// and then cannot load its own config): remove the route instead.
    @discardableResult
    public func deleteReferences(route routeName: String? = nil, ids: [String]? = nil) throws(RouterError) -> Int {
        let doomed = try references(route: routeName, ids: ids)
        guard !doomed.isEmpty else { return 0 }
        let deleted = try withState { state throws(RouterError) -> Int in
            let doomedIDs = Set(doomed.map { $0.routeName + ":" + $0.referenceID })
            // Check every route before changing any: a refused delete changes nothing.
            let remaining = state.definition.routes.map { route in
                route.references.filter { !doomedIDs.contains(route.name + ":" + ReferenceID.of($0)) }
            }
            if let emptied = remaining.firstIndex(where: \.isEmpty) {
                throw RouterError(
                    code: "invalid_route",
                    message: "deleting these references would leave route \(state.definition.routes[emptied].name) with none; remove the route instead"
                )
            }
            for position in remaining.indices { state.definition.routes[position].references = remaining[position] }
            for id in doomedIDs { state.index.remove(id) }
            Self.pruneVectors(&state, model: modelName)
            return doomedIDs.count
        }
        try save()
        return deleted
    }

    /// Replaces the routing config.
    public func updateRoutingConfig(_ config: RoutingConfig) throws(RouterError) {
        try config.validate()
        try withState { state throws(RouterError) in
            var changed = state.definition
            changed.routingConfig = config
            try changed.validate()
            state.definition.routingConfig = config
        }
        try save()
    }

    /// Sets the distance thresholds of the named routes.
    public func updateRouteThresholds(_ thresholds: [String: Double]) throws(RouterError) {
        try withState { state throws(RouterError) in
            // Validate every entry before applying any: a rejected update changes nothing.
            var updates: [(position: Int, threshold: Double)] = []
            for (name, threshold) in thresholds.sorted(by: { $0.key < $1.key }) {
                guard let position = state.definition.routes.firstIndex(where: { $0.name == name }) else { throw Self.unknownRoute(name) }
                try Route.validate(threshold: threshold, route: name)
                updates.append((position, threshold))
            }
            for update in updates { state.definition.routes[update.position].distanceThreshold = update.threshold }
        }
        try save()
    }

    /// Removes every route and reference, keeping the router (RedisVL's `clear`).
    public func clear() throws(RouterError) {
        try withState { state throws(RouterError) in
            state.definition.routes = []
            state.index.removeAll()
            state.vectors = [:]
        }
        try save()
    }

    /// Clears the router and deletes what it saved in its store.
    public func delete() {
        try? clear()
        storeForChanges?.remove()
    }

    /// Vectors already embedded, so texts the router has seen are not embedded again.
    private var cachedVectors: [String: [Float]] {
        (try? withState { state throws(RouterError) in state.vectors }) ?? [:]
    }

    static func unknownRoute(_ name: String) -> RouterError {
        RouterError(code: "unknown_route", message: "no route named \(name)")
    }

    static func unique(_ texts: [String]) -> [String] {
        var seen: Set<String> = []
        return texts.filter { seen.insert($0).inserted }
    }

    /// Drops saved vectors no reference uses any more.
    static func pruneVectors(_ state: inout State, model: String) {
        let used = Set(state.definition.routes.flatMap(\.references).map { ReferenceID.embeddingKey($0, model: model) })
        state.vectors = state.vectors.filter { used.contains($0.key) }
    }
}
