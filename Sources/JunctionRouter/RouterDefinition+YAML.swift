import Foundation
import JunctionJSON
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
            ("routing_config", mapping(routingConfigPairs())),
        ])
    }

    /// RedisVL's two fields, then Junction's (which RedisVL ignores, or, for `softmax`, refuses with the method).
    private func routingConfigPairs() -> [(String, Node)] {
        func mapping(_ pairs: [(String, Node)]) -> Node {
            Node.mapping(Node.Mapping(pairs.map { (Node(stringLiteral: $0.0), $0.1) }))
        }
        func numbers(_ values: [Double]) -> Node { Node.sequence(Node.Sequence(values.map(number))) }
        var pairs: [(String, Node)] = [
            ("max_k", Node(String(routingConfig.maxK), Tag(.int))),
            ("aggregation_method", string(routingConfig.aggregationMethod.rawValue)),
        ]
        if let confidence = routingConfig.confidence {
            pairs.append(("confidence", mapping([("accept", numbers(confidence.accept)), ("reject", numbers(confidence.reject))])))
        }
        if let softmax = routingConfig.softmax {
            let rows = softmax.routes.map { row in
                mapping([
                    ("name", string(row.name)), ("bias", number(row.bias)),
                    ("min_probability", number(row.minProbability)), ("weights", string(row.weightsBase64)),
                ])
            }
            pairs.append(("softmax", mapping([("routes", Node.sequence(Node.Sequence(rows)))])))
        }
        return pairs
    }

    private static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: return Node("null", Tag(.null))
        case .bool(let flag): return Node(flag ? "true" : "false", Tag(.bool))
        case .number(let number): return numberNode(number)
        case .string(let text): return stringNode(text)
        case .array(let items): return Node.sequence(Node.Sequence(items.map(node)))
        case .object(let members):
            return Node.mapping(Node.Mapping(members.sorted { $0.key < $1.key }.map { (Node($0.key), node($0.value)) }))
        }
    }

    private func string(_ text: String) -> Node { Self.stringNode(text) }

    /// Plain when a YAML 1.1 reader (PyYAML, so RedisVL) reads it back as the
    /// same string; single-quoted when it could take it for a boolean, null,
    /// number or date (`yes`, `~`, `123`, `1.0`, `2024-01-01`, ``).
    static func stringNode(_ text: String) -> Node {
        let words: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", ""]
        let first = text.unicodeScalars.first
        let ambiguous = words.contains(text.lowercased())
            || first.map { CharacterSet.decimalDigits.contains($0) || "+-.".unicodeScalars.contains($0) } ?? true
        return Node(text, Tag(.str), ambiguous ? .singleQuoted : .plain)
    }
    private func number(_ value: Double) -> Node { Self.numberNode(value) }

    /// Integers as integers; other values in positional notation with a decimal point.
    static func numberNode(_ value: Double) -> Node {
        if value.rounded() == value, abs(value) < 1e15 { return Node(String(Int(value)), Tag(.int)) }
        var text = "\(value)"
        if let e = text.firstIndex(of: "e") {
            // Shift the decimal point of the shortest form: 1.25e-05 -> 0.0000125.
            let exponent = Int(text[text.index(after: e)...])!
            let negative = text.hasPrefix("-")
            let mantissa = text[..<e]
            let digits = mantissa.filter(\.isNumber)
            let integerDigits = mantissa.split(separator: ".", omittingEmptySubsequences: false)[0].filter(\.isNumber).count
            let point = integerDigits + exponent
            if point <= 0 {
                text = "0." + String(repeating: "0", count: -point) + digits
            } else if point >= digits.count {
                text = digits + String(repeating: "0", count: point - digits.count) + ".0"
            } else {
                text = digits.prefix(point) + "." + digits.dropFirst(point)
            }
            if negative { text = "-" + text }
        }
        return Node(text, Tag(.float))
    }
}
