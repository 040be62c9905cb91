import JunctionRedis

/// Route and reference management on Redis, as RedisVL does it: the reference
/// hashes change first, then `{name}:route_config` is rewritten from this
/// instance's definition (RedisVL's `_update_router_state`).
extension RedisSemanticRouter {
    /// Adds a route, embedding and storing its references. Throws if the name
    /// is taken (extend a route with `addReferences`).
    public func addRoute(_ route: Route) async throws(RouterError) {
        try route.validate()
        try await changes.run { () async throws(RouterError) in
            var definition = self.definition
            guard definition.route(named: route.name) == nil else {
                throw RouterError(code: "duplicate_route", message: "route \(route.name) already exists; add references to it instead")
            }
            var route = route
            route.references = SemanticRouter.unique(route.references)
            let vectors = try await SemanticRouter.embedMissing(route.references, cached: [:], embedder: embedder, progress: nil)
            try await store([route], vectors: vectors)
            definition.routes.append(route)
            try await commit(definition)
        }
    }

    /// Removes a route and deletes its references; false when there was no such route.
    @discardableResult
    public func removeRoute(named name: String) async throws(RouterError) -> Bool {
        try await changes.run { () async throws(RouterError) -> Bool in
            var definition = self.definition
            guard let position = definition.routes.firstIndex(where: { $0.name == name }) else { return false }
            try await unlink(keys(of: [definition.routes[position]]))
            definition.routes.remove(at: position)
            try await commit(definition)
            return true
        }
    }

    /// Adds references to an existing route (texts it already has are
    /// skipped; RedisVL would list them twice in `route_config`); returns the
    /// reference ids of the texts added.
    @discardableResult
    public func addReferences(_ references: [String], to routeName: String) async throws(RouterError) -> [String] {
        guard references.allSatisfy({ !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) else {
            throw RouterError(code: "invalid_route", message: "route \(routeName): all references must be non-empty strings")
        }
        return try await changes.run { () async throws(RouterError) -> [String] in
            var definition = self.definition
            guard let position = definition.routes.firstIndex(where: { $0.name == routeName }) else {
                throw SemanticRouter.unknownRoute(routeName)
            }
            var existing = Set(definition.routes[position].references)
            let added = references.filter { existing.insert($0).inserted }
            guard !added.isEmpty else { return [] }
            let vectors = try await SemanticRouter.embedMissing(added, cached: [:], embedder: embedder, progress: nil)
            try await store([Route(name: routeName, references: added)], vectors: vectors)
            definition.routes[position].references += added
            try await commit(definition)
            return added.map(ReferenceID.of)
        }
    }

    /// References stored on Redis: of one route, or with the given reference
    /// ids, or (neither given) of every route; in router order.
    public func references(route routeName: String? = nil, ids: [String]? = nil) async throws(RouterError) -> [RouteReference] {
        try await storedReferences(route: routeName, ids: ids).map(\.reference)
    }

    /// Deletes references by route and/or reference id, from Redis and from
    /// `route_config`; returns how many were deleted. Refuses to leave a route
    /// with no references (RedisVL allows it and then cannot load its own
    /// `route_config`): remove the route instead.
    @discardableResult
    public func deleteReferences(route routeName: String? = nil, ids: [String]? = nil) async throws(RouterError) -> Int {
        try await changes.run { () async throws(RouterError) -> Int in
            let doomed = try await storedReferences(route: routeName, ids: ids)
            guard !doomed.isEmpty else { return 0 }
            var definition = self.definition
            let doomedIDs = Set(doomed.map { $0.reference.routeName + ":" + $0.reference.referenceID })
            // Check every route before changing any: a refused delete changes nothing.
            let remaining = definition.routes.map { route in
                route.references.filter { !doomedIDs.contains(route.name + ":" + ReferenceID.of($0)) }
            }
            if let emptied = remaining.firstIndex(where: \.isEmpty) {
                throw RouterError(
                    code: "invalid_route",
                    message: "deleting these references would leave route \(definition.routes[emptied].name) with none; remove the route instead"
                )
            }
            let deleted = try await unlink(doomed.map(\.key))
            for position in remaining.indices { definition.routes[position].references = remaining[position] }
            try await commit(definition)
            return deleted
        }
    }

    /// Replaces the routing config and saves it to `route_config` (RedisVL
    /// keeps it in process until its next write).
    public func updateRoutingConfig(_ config: RoutingConfig) async throws(RouterError) {
        try config.validate()
        try Self.checkRedisAggregation(config.aggregationMethod)
        try await changes.run { () async throws(RouterError) in
            var definition = self.definition
            definition.routingConfig = config
            try await commit(definition)
        }
    }

    /// Sets the distance thresholds of the named routes (all or nothing) and
    /// saves them to `route_config` (RedisVL keeps them in process until its next write).
    public func updateRouteThresholds(_ thresholds: [String: Double]) async throws(RouterError) {
        try await changes.run { () async throws(RouterError) in
            var definition = self.definition
            var updates: [(position: Int, threshold: Double)] = []
            for (name, threshold) in thresholds.sorted(by: { $0.key < $1.key }) {
                guard let position = definition.routes.firstIndex(where: { $0.name == name }) else { throw SemanticRouter.unknownRoute(name) }
                try Route.validate(threshold: threshold, route: name)
                updates.append((position, threshold))
            }
            for update in updates { definition.routes[update.position].distanceThreshold = update.threshold }
            try await commit(definition)
        }
    }

    /// Deletes every reference and route, keeping the index; `route_config`
    /// is saved with no routes (RedisVL leaves it listing the deleted ones).
    public func clear() async throws(RouterError) {
        try await changes.run { () async throws(RouterError) in
            var definition = self.definition
            try await unlink(keys(of: definition.routes))
            definition.routes = []
            try await commit(definition)
        }
    }

    /// Deletes the router from Redis as RedisVL's `delete()` does:
    /// `FT.DROPINDEX {name} DD` (the index and its reference hashes), then
    /// `DEL {name}:route_config`.
    public func delete() async throws(RouterError) {
        try await changes.run { () async throws(RouterError) in
            if try await indexInfo() != nil {
                _ = try await send(["FT.DROPINDEX", .string(name), "DD"], "dropping index \(name)")
            }
            _ = try await send(["DEL", .string(layout.configKey)], "deleting \(layout.configKey)")
            var definition = self.definition
            definition.routes = []
            setDefinition(definition)
        }
    }

    // MARK: Helpers

    /// Saves `definition` to `route_config`, then makes it this instance's.
    private func commit(_ definition: RouterDefinition) async throws(RouterError) {
        try await saveConfig(definition)
        setDefinition(definition)
    }

    /// References on Redis with their keys, in router order.
    func storedReferences(route routeName: String?, ids: [String]?) async throws(RouterError) -> [(key: String, reference: RouteReference)] {
        let definition = self.definition
        if let routeName, definition.route(named: routeName) == nil { throw SemanticRouter.unknownRoute(routeName) }
        var found: [(key: String, reference: RouteReference)]
        if let ids {
            found = try await lookUpReferences(ids: ids).filter { routeName == nil || $0.reference.routeName == routeName }
        } else {
            found = []
            for route in definition.routes where routeName == nil || route.name == routeName {
                found += try await scanReferences(route: route.name)
            }
        }
        // Router order: route position, then reference position; unknown ones last.
        var order: [String: Int] = [:]
        for route in definition.routes {
            for reference in route.references {
                let key = route.name + ":" + ReferenceID.of(reference)
                if order[key] == nil { order[key] = order.count }
            }
        }
        return found.enumerated().sorted { lhs, rhs in
            let a = order[lhs.element.reference.routeName + ":" + lhs.element.reference.referenceID] ?? Int.max
            let b = order[rhs.element.reference.routeName + ":" + rhs.element.reference.referenceID] ?? Int.max
            return a != b ? a < b : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// RedisVL's lookup by id: `FT.SEARCH {name} @reference_id:{id}` for each
    /// id (pipelined). Ids that are not sha256 hex match nothing.
    private func lookUpReferences(ids: [String]) async throws(RouterError) -> [(key: String, reference: RouteReference)] {
        let wanted = SemanticRouter.unique(ids).filter { id in id.count == 64 && id.allSatisfy { $0.isHexDigit && !$0.isUppercase } }
        let replies = try await sendAll(wanted.map(layout.referenceQuery(id:)), "looking up references of router \(name)")
        var found: [(key: String, reference: RouteReference)] = []
        for reply in replies {
            guard let documents = RedisReply.searchDocuments(reply) else {
                throw RouterError(code: "redis", message: "looking up references of router \(name): unexpected FT.SEARCH reply")
            }
            for document in documents {
                if let reference = Self.reference(document.fields) { found.append((document.key, reference)) }
            }
        }
        return found
    }

    /// RedisVL's lookup by route: `SCAN MATCH {name}:{route}:*`, then each hash's fields (pipelined `HMGET`).
    private func scanReferences(route routeName: String) async throws(RouterError) -> [(key: String, reference: RouteReference)] {
        var keys: [String] = []
        var cursor = "0"
        repeat {
            let reply = try await send(
                ["SCAN", .string(cursor), "MATCH", .string(layout.routePattern(routeName)), "COUNT", "1000"],
                "listing references of route \(routeName)"
            )
            guard let parts = reply.array, parts.count == 2, let next = parts[0].text, let batch = parts[1].array else {
                throw RouterError(code: "redis", message: "listing references of route \(routeName): unexpected SCAN reply")
            }
            keys += batch.compactMap(\.text)
            cursor = next
        } while cursor != "0"
        keys = SemanticRouter.unique(keys)
        let replies = try await sendAll(
            keys.map { ["HMGET", .string($0), "reference_id", "route_name", "reference"] }, "reading references of route \(routeName)"
        )
        return zip(keys, replies).compactMap { key, reply in
            let values = reply.array?.map(\.text) ?? []
            guard values.count == 3, let id = values[0], let route = values[1], let text = values[2], route == routeName else { return nil }
            return (key, RouteReference(referenceID: id, routeName: route, reference: text))
        }
    }

    private static func reference(_ fields: [String: String]) -> RouteReference? {
        guard let id = fields["reference_id"], let route = fields["route_name"], let text = fields["reference"] else { return nil }
        return RouteReference(referenceID: id, routeName: route, reference: text)
    }
}
