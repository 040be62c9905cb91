import Foundation
import Hummingbird
import JunctionGuard
import JunctionRedis
import Yams

extension Gateway {
    /// The Redis key holding the guard policy set through the admin API.
    var guardPolicyKey: String { "\(configuration.store.namespace):guard:policy" }

    /// `GET /v1/admin/guard`: the policy in force, in the shape of the config's `guard:` section.
    func adminGuardPolicy() throws(GatewayError) -> Response {
        guard configuration.guardSettings.configured else { throw Self.guardOff }
        return try AdminJSON.response(Self.json(configuration.guardSettings))
    }

    /// `PUT /v1/admin/guard`: replaces the policy with a `guard:` section given as JSON, on this instance
    /// and (on Redis) on every instance, now and after their restarts. The attack reference lists and the
    /// heads folder change only with a restart.
    func adminReplaceGuardPolicy(body: [UInt8]) async throws(GatewayError) -> Response {
        guard configuration.guardSettings.configured else { throw Self.guardOff }
        let text = String(decoding: body, as: UTF8.self)
        let settings = try Self.guardSettings(json: text)
        let current = configuration.guardSettings
        guard settings.headsDirectory == current.headsDirectory,
              settings.policy.attack.attackReferences == current.policy.attack.attackReferences,
              settings.policy.attack.benignReferences == current.policy.attack.benignReferences
        else {
            throw GatewayError.invalidRequest("attack.references and heads_dir change only in the config file, with a restart", param: "attack.references")
        }
        if let redis {
            do {
                _ = try await redis.send(["SET", .string(guardPolicyKey), .string(text)])
            } catch {
                throw GatewayError(code: "store_unavailable", status: 503, message: "the guard policy could not be saved: \(error.message)")
            }
        }
        updateRuntime { $0.configuration.guardSettings.policy = settings.policy }
        await announce(.guardPolicy)
        return try AdminJSON.response(Self.json(settings))
    }

    /// Takes the policy another instance saved through the admin API (at start and on its announcement).
    func loadSharedGuardPolicy() async {
        guard configuration.guardSettings.configured, let redis else { return }
        do {
            guard let text = try await redis.send(["GET", .string(guardPolicyKey)]).string else { return }
            let settings = try Self.guardSettings(json: text)
            updateRuntime { $0.configuration.guardSettings.policy = settings.policy }
            logger.notice("guard policy set through the admin API (Redis) is in force, over the config file's")
        } catch let error as GatewayError {
            logger.error("the shared guard policy is not valid; keeping the current one", metadata: ["error": "\(error.message)"])
        } catch {
            logger.error("the shared guard policy could not be read; keeping the current one", metadata: ["error": "\(error)"])
        }
    }

    /// A `guard:` section written as JSON (JSON is YAML), checked as the config file's is.
    static func guardSettings(json text: String) throws(GatewayError) -> GuardSettings {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw GatewayError.invalidJSON("\(error)")
        }
        guard let node else { throw GatewayError.invalidRequest("the body must be a guard policy object", param: nil) }
        do {
            return try GuardSettings(ConfigNode(node, path: "guard"))
        } catch {
            throw GatewayError.invalidRequest(error.message, param: nil)
        }
    }

    static func json(_ settings: GuardSettings) -> [String: Any] {
        let policy = settings.policy
        func pii(_ value: PIIPolicy) -> [String: Any] {
            [
                "action": value.action.rawValue, "redirect_model": value.redirectModel ?? NSNull(), "min_score": value.minScore,
                "restore": value.restore, "scan_tool_results": value.scanToolResults,
                "entities": Dictionary(uniqueKeysWithValues: value.entities.map { ($0.key.rawValue, $0.value.rawValue) }),
            ]
        }
        let attack: [String: Any] = [
            "action": policy.attack.action.rawValue, "threshold": policy.attack.threshold ?? NSNull(),
            "redirect_model": policy.attack.redirectModel ?? NSNull(),
            "references": ["attack": policy.attack.attackReferences, "benign": policy.attack.benignReferences],
        ]
        let overrides: [[String: Any]] = policy.overrides.map { override in
            var object: [String: Any] = [:]
            if let route = override.route { object["route"] = route }
            if let model = override.model { object["model"] = model }
            if let tenant = override.tenant { object["tenant"] = tenant }
            if let change = override.pii {
                var fields: [String: Any] = [:]
                if let action = change.action { fields["action"] = action.rawValue }
                if let model = change.redirectModel { fields["redirect_model"] = model }
                if !change.entities.isEmpty { fields["entities"] = Dictionary(uniqueKeysWithValues: change.entities.map { ($0.key.rawValue, $0.value.rawValue) }) }
                if let score = change.minScore { fields["min_score"] = score }
                if let restore = change.restore { fields["restore"] = restore }
                if let tools = change.scanToolResults { fields["scan_tool_results"] = tools }
                object["pii"] = fields
            }
            if let change = override.attack {
                var fields: [String: Any] = [:]
                if let action = change.action { fields["action"] = action.rawValue }
                if let threshold = change.threshold { fields["threshold"] = threshold }
                if let model = change.redirectModel { fields["redirect_model"] = model }
                object["attack"] = fields
            }
            return object
        }
        var object: [String: Any] = ["enabled": policy.enabled, "pii": pii(policy.pii), "attack": attack, "overrides": overrides]
        if let heads = settings.headsDirectory { object["heads_dir"] = heads }
        return object
    }

    private static let guardOff = GatewayError(code: "guard_disabled", status: 404, message: "the prompt guard is off (no guard: section in the config)")
}
