import JunctionRouter

extension Gateway {
    /// Switches to a new configuration (a SIGHUP reload), all or nothing: the routing and cache policies,
    /// upstreams, tenants, keys and limits, and the router's routes (applied as changes, so unchanged
    /// references are not embedded again and, on Redis, every instance follows). Settings that need a
    /// restart (listen address, encoder, store, the cache's identity, the limiter's failure rule) must be
    /// unchanged: otherwise the reload is refused with the key named and the running configuration stays.
    public func reload(to new: GatewayConfiguration) async throws(GatewayError) {
        let current = configuration
        try new.validate()
        if let key = Self.restartKey(from: current, to: new) {
            metrics.configChange("reload_refused")
            throw GatewayError.invalidConfig("\(key): this setting changes only with a restart; nothing was reloaded (the running configuration stays)")
        }
        // Every new route's action must parse before anything changes.
        let actions = try new.routeActions()
        var routerChanged = false
        if let router, let target = new.routerDefinition {
            let changes = router.definition.changes(to: target)
            if !changes.isEmpty {
                // New routes' actions go in first, so a route never matches before its action is known.
                updateRuntime { $0.actions.merge(actions) { $1 } }
                do {
                    try await router.apply(changes)
                } catch {
                    refreshActions()
                    metrics.configChange("reload_refused")
                    throw GatewayError.invalidConfig("router: \(error.message) (the routes applied before this one stay)")
                }
                routerChanged = true
            }
        }
        upstreams.replace(new.upstreams)
        keys.replaceConfigured(new.access.keys)
        updateRuntime { $0 = Runtime(configuration: new, actions: actions) }
        if routerChanged { await announce(.router) }
        metrics.configChange("reload")
        logger.notice("configuration reloaded", metadata: ["router_changes": "\(routerChanged)"])
    }

    /// The first setting that differs and needs a restart, as its key path; nil when none.
    static func restartKey(from current: GatewayConfiguration, to new: GatewayConfiguration) -> String? {
        if current.server != new.server { return "server" }
        if current.encoder != new.encoder { return "encoder" }
        if current.store != new.store { return "store" }
        if current.cache.enabled != new.cache.enabled { return "cache.enabled" }
        if current.cache.configuration != new.cache.configuration { return "cache (name, distance_threshold, ttl_seconds, max_entries, max_bytes)" }
        if current.access.onRedisFailure != new.access.onRedisFailure { return "limits.on_redis_failure" }
        if current.session.name != new.session.name { return "session.name" }
        if current.guardSettings.configured != new.guardSettings.configured { return "guard (adding or removing the guard section)" }
        if current.guardSettings.headsDirectory != new.guardSettings.headsDirectory { return "guard.heads_dir" }
        if current.guardSettings.policy.attack.attackReferences != new.guardSettings.policy.attack.attackReferences
            || current.guardSettings.policy.attack.benignReferences != new.guardSettings.policy.attack.benignReferences {
            return "guard.attack.references"
        }
        if current.access.adminKey != new.access.adminKey || current.access.adminKeyEnvironmentVariable != new.access.adminKeyEnvironmentVariable { return "admin" }
        switch (current.routerDefinition, new.routerDefinition) {
        case (nil, nil): break
        case (let old?, let target?):
            if old.name != target.name { return "router.name" }
            if old.vectorizer != target.vectorizer { return "router.vectorizer" }
        default: return "router (adding or removing the router)"
        }
        return nil
    }
}
