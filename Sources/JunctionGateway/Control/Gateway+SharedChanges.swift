import JunctionRouter

extension Gateway {
    /// Applies a change another instance announced on the `ConfigBus`.
    func applySharedChange(_ kind: ConfigBus.Kind) async {
        metrics.configChange("shared_\(kind.rawValue)")
        switch kind {
        case .keys:
            keys.invalidate()
        case .router:
            guard let router = router as? RedisSemanticRouter else { return }
            do {
                try await router.reload()
                refreshActions()
                logger.info("router reloaded after a change on another instance", metadata: ["routes": "\(router.definition.routes.count)"])
            } catch {
                logger.error("router reload failed; routing on the previous routes", metadata: ["error": "\(error.message)"])
            }
        case .guardPolicy:
            break
        }
    }

    /// Tells the other instances sharing the Redis that this one changed `kind` (nothing on the embedded
    /// store). A failed announcement is logged: the others catch up from the version counter later.
    func announce(_ kind: ConfigBus.Kind) async {
        metrics.configChange(kind.rawValue)
        guard let bus else { return }
        do {
            try await bus.announce(kind)
        } catch {
            logger.warning("config bus: could not announce a change", metadata: ["kind": "\(kind.rawValue)", "error": "\(error.message)"])
        }
    }

    /// Re-reads every route's action from the router's current routes. A route whose metadata is not a
    /// valid action (written by another program) takes the default action, with an error in the log.
    func refreshActions() {
        guard let router else { return }
        var actions: [String: RouteAction] = [:]
        for (position, route) in router.definition.routes.enumerated() {
            do {
                actions[route.name] = try RouteAction.parse(metadata: route.metadata, path: "router.routes[\(position)].metadata")
            } catch {
                logger.error("route metadata is not a valid action; the route takes routing.default", metadata: ["route": "\(route.name)", "error": "\(error.message)"])
            }
        }
        updateRuntime { $0.actions = actions }
    }
}
