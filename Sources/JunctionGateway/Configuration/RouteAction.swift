import JunctionJSON

/// What the gateway does with a request once it is routed, read from the route's `metadata` (or the
/// `routing.default` of the config when no route matches).
public enum RouteAction: Sendable, Equatable {
    /// Forward to an upstream model; nil = the request's own model (or the default action's).
    case forward(model: String?)
    /// Refuse without calling an upstream, with this text.
    case block(message: String, model: String?)
    /// Answer with this canned text.
    case respond(text: String, model: String?)
    /// POST the conversation to `webhook`, then answer with `reply`.
    case escalate(webhook: String, reply: String, model: String?)

    /// The refusal text when a blocking route gives none.
    public static let defaultBlockMessage = "This request was blocked by policy."
    /// The answer of an escalation when its route gives none.
    public static let defaultEscalationReply = "Your request has been passed to a person, who will follow up."

    /// The action's name as metadata and `/v1/route` write it.
    public var name: String {
        switch self {
        case .forward: "forward"
        case .block: "block"
        case .respond: "respond"
        case .escalate: "escalate"
        }
    }

    /// The route's `model`, if it names one.
    public var model: String? {
        switch self {
        case .forward(let model), .block(_, let model), .respond(_, let model), .escalate(_, _, let model): model
        }
    }

    /// Reads an action from route metadata; `path` names the metadata in errors.
    public static func parse(metadata: [String: JSONValue], path: String) throws(GatewayError) -> RouteAction {
        func text(_ key: String) throws(GatewayError) -> String? {
            guard let value = metadata[key], value != .null else { return nil }
            guard let string = value.stringValue, !string.isEmpty else {
                throw GatewayError.invalidConfig("\(path).\(key): must be a non-empty string")
            }
            return string
        }
        let model = try text("model")
        switch try text("action") ?? "forward" {
        case "forward": return .forward(model: model)
        case "block": return .block(message: try text("message") ?? defaultBlockMessage, model: model)
        case "respond":
            guard let response = try text("response") else {
                throw GatewayError.invalidConfig("\(path).response: missing (action respond answers with it)")
            }
            return .respond(text: response, model: model)
        case "escalate":
            guard let webhook = try text("webhook") else {
                throw GatewayError.invalidConfig("\(path).webhook: missing (action escalate posts the conversation to it)")
            }
            guard webhook.hasPrefix("http://") || webhook.hasPrefix("https://") else {
                throw GatewayError.invalidConfig("\(path).webhook: must be an http:// or https:// URL, got '\(webhook)'")
            }
            return .escalate(webhook: webhook, reply: try text("response") ?? defaultEscalationReply, model: model)
        case let other:
            throw GatewayError.invalidConfig("\(path).action: must be forward, block, respond or escalate, got '\(other)'")
        }
    }
}
