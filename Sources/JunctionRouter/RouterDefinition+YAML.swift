import Yams

extension RouterDefinition {
    /// The router as a YAML node tree in RedisVL's key order, with numbers
    /// written the way PyYAML reads them back as numbers (`0.2`, never `2e-1`,
    /// which PyYAML's YAML 1.1 resolver takes for a string).
    func yamlNode() -> Node {
        func mapping(_ pairs: [(String, Node)]) -> Node {
            Node.mapping(Node.Mapping(pairs.map { (Node(stringLiteral: $0.0), $0.1) }))
        }
        let routes = routes.map { route in
            mapping([
                ("name", string(route.name)),
                ("references", Node.sequence(Node.Sequence(route.references.map(string)))),
                ("metadata", Self.node(.object(route.metadata))),
                ("distance_threshold", number(route.distanceThreshold)),
            ])
        }
        return mapping([
            ("name", string(name)),
            ("routes", Node.sequence(Node.Sequence(routes))),
            ("vectorizer", mapping([("type", string(vectorizer.type)), ("model", string(vectorizer.model))])),
            ("routing_config", mapping([
                ("max_k", Node(String(routingConfig.maxK), Tag(.int))),
                ("aggregation_method", string(routingConfig.aggregationMethod.rawValue)),
            ])),
        ])
    }

    private static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: return Node("null", Tag(.null))
        case .bool(let flag): return Node(flag ? "true" : "false", Tag(.bool))
        case .number(let number): return numberNode(number)
        case .string(let text): return Node(text, Tag(.str), .plain)
        case .array(let items): return Node.sequence(Node.Sequence(items.map(node)))
        case .object(let members):
            return Node.mapping(Node.Mapping(members.sorted { $0.key < $1.key }.map { (Node($0.key), node($0.value)) }))
        }
    }

    private func string(_ text: String) -> Node { Node(text, Tag(.str), .plain) }
    private func number(_ value: Double) -> Node { Self.numberNode(value) }

    /// Integers as integers; other values in positional notation with a decimal point.
    static func numberNode(_ value: Double) -> Node {
        if value.rounded() == value, abs(value) < 1e15 { return Node(String(Int(value)), Tag(.int)) }
        var text = "\(value)"
        if text.contains("e") {
            text = String(format: "%.17f", value)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text += "0" }
        }
        return Node(text, Tag(.float))
    }
}
