import Yams

/// A node of the YAML config with its key path (`cache.ttl_seconds`, `upstreams[0].name`), so every error
/// names the key at fault. Reads values strictly: a mapping refuses keys it does not know, suggesting the
/// nearest known one.
struct ConfigNode {
    let node: Node
    let path: String

    init(_ node: Node, path: String) {
        self.node = node
        self.path = path
    }

    /// An `invalid_config` error about this key.
    func error(_ message: String) -> GatewayError {
        GatewayError.invalidConfig(path.isEmpty ? message : "\(path): \(message)")
    }

    /// True for `null`, `~` or an empty value.
    var isNull: Bool { node.null != nil }

    /// The members of a mapping; a key not in `allowed` is an error naming it.
    func mapping(allowed: [String]) throws(GatewayError) -> [String: ConfigNode] {
        guard case .mapping(let mapping) = node else { throw error("must be a mapping") }
        var members: [String: ConfigNode] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw error("keys must be strings") }
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            guard allowed.contains(key) else {
                let suggestion = Self.nearest(key, in: allowed).map { " (did you mean \($0)?)" } ?? ""
                throw GatewayError.invalidConfig("\(childPath): unknown key\(suggestion)")
            }
            members[key] = ConfigNode(value, path: childPath)
        }
        return members
    }

    /// The elements of a sequence.
    func sequence() throws(GatewayError) -> [ConfigNode] {
        guard case .sequence(let sequence) = node else { throw error("must be a list") }
        return sequence.enumerated().map { ConfigNode($0.element, path: "\(path)[\($0.offset)]") }
    }

    func string() throws(GatewayError) -> String {
        guard case .scalar(let scalar) = node, !isNull else { throw error("must be a string") }
        return scalar.string
    }

    func nonEmptyString() throws(GatewayError) -> String {
        let value = try string()
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else { throw error("must not be empty") }
        return value
    }

    func bool() throws(GatewayError) -> Bool {
        guard case .scalar = node, let value = node.bool else { throw error("must be true or false") }
        return value
    }

    func int(_ range: ClosedRange<Int>) throws(GatewayError) -> Int {
        guard case .scalar = node, let value = node.int else { throw error("must be a whole number") }
        guard range.contains(value) else { throw error("must be between \(range.lowerBound) and \(range.upperBound), got \(value)") }
        return value
    }

    func double(_ range: ClosedRange<Double>) throws(GatewayError) -> Double {
        guard case .scalar = node, let value = node.float ?? node.int.map(Double.init), value.isFinite else {
            throw error("must be a number")
        }
        guard range.contains(value) else { throw error("must be between \(range.lowerBound) and \(range.upperBound), got \(value)") }
        return value
    }

    func stringList() throws(GatewayError) -> [String] {
        try sequence().map { (item: ConfigNode) throws(GatewayError) -> String in try item.nonEmptyString() }
    }

    func stringMap() throws(GatewayError) -> [String: String] {
        guard case .mapping(let mapping) = node else { throw error("must be a mapping") }
        var result: [String: String] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw error("keys must be strings") }
            result[key] = try ConfigNode(value, path: "\(path).\(key)").nonEmptyString()
        }
        return result
    }

    /// The known key closest to `key` by edit distance, when it is close enough to be a typo.
    static func nearest(_ key: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(key, $0)) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(3, key.count / 2) else { return nil }
        return best
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
