import JunctionJSON

/// How `model: "auto"` requests are routed (`routing:` in the config).
public struct RoutingSettings: Sendable, Equatable {
    /// What text of the conversation the router sees.
    public enum Input: Sendable, Equatable {
        /// The last user message (default).
        case lastUserMessage
        /// The last `n` messages (user and assistant), one per line.
        case lastTurns(Int)
    }

    /// The model name that asks Junction to route. Default `auto`.
    public var autoModel: String
    /// What the router sees. Default the last user message.
    public var input: Input
    /// The action when no route matches. Default forward to `gpt-4o-mini`.
    public var defaultAction: RouteAction

    /// Settings; see each property for its default.
    public init(autoModel: String = "auto", input: Input = .lastUserMessage, defaultAction: RouteAction = .forward(model: "gpt-4o-mini")) {
        self.autoModel = autoModel
        self.input = input
        self.defaultAction = defaultAction
    }

    init(_ node: ConfigNode) throws(GatewayError) {
        self.init()
        let members = try node.mapping(allowed: ["auto_model", "input", "turns", "default"])
        if let value = members["auto_model"] { autoModel = try value.nonEmptyString() }
        var turns = 3
        if let value = members["turns"] { turns = try value.int(1...100) }
        if let value = members["input"] {
            switch try value.string() {
            case "last_user_message": input = .lastUserMessage
            case "last_turns": input = .lastTurns(turns)
            case let other: throw value.error("must be last_user_message or last_turns, got '\(other)'")
            }
        } else if members["turns"] != nil {
            input = .lastTurns(turns)
        }
        if let value = members["default"] {
            let fields = try value.mapping(allowed: ["action", "model", "message", "response", "webhook"])
            var metadata: [String: JSONValue] = [:]
            for (key, field) in fields { metadata[key] = .string(try field.string()) }
            defaultAction = try RouteAction.parse(metadata: metadata, path: value.path)
        }
    }
}
