import Foundation

/// Junction's learned route scorer: a linear (softmax) classifier over the
/// routes, `p = softmax(W·x + b)` on the unit query vector, trained by
/// `junction fit` on the reference vectors and the fitting examples.
///
/// The route with the highest probability wins when that probability reaches
/// the route's `minProbability` (the no-route rule, calibrated on held-out
/// folds); otherwise no route. Stored per route in `routing_config.softmax`,
/// weights as base64 little-endian float32, so a route can be looked up by
/// name and a router whose routes changed after fitting is refused rather
/// than scored with stale weights.
public struct SoftmaxScorer: Sendable, Equatable, Codable {
    /// One route's row of the classifier.
    public struct RouteWeights: Sendable, Equatable, Codable {
        /// The route's name.
        public var name: String
        /// Weights over the embedding's dimensions.
        public var weights: [Float]
        /// The route's bias.
        public var bias: Double
        /// Smallest probability at which the route is accepted (the no-route rule).
        public var minProbability: Double

        enum CodingKeys: String, CodingKey {
            case name, weights, bias
            case minProbability = "min_probability"
        }

        /// Creates a row.
        public init(name: String, weights: [Float], bias: Double, minProbability: Double) {
            self.name = name
            self.weights = weights
            self.bias = bias
            self.minProbability = minProbability
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            bias = try c.decode(Double.self, forKey: .bias)
            minProbability = try c.decode(Double.self, forKey: .minProbability)
            let text = try c.decode(String.self, forKey: .weights)
            guard let data = Data(base64Encoded: text), data.count % 4 == 0 else {
                throw RouterError(code: "invalid_routing_config", message: "routing_config.softmax: the weights of route \(name) are not base64 float32")
            }
            weights = data.withUnsafeBytes { raw in
                (0..<(data.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(weightsBase64, forKey: .weights)
            try c.encode(bias, forKey: .bias)
            try c.encode(minProbability, forKey: .minProbability)
        }

        /// The weights as base64 little-endian float32.
        public var weightsBase64: String {
            var data = Data(capacity: weights.count * 4)
            for value in weights { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
            return data.base64EncodedString()
        }
    }

    /// One row per route.
    public var routes: [RouteWeights]

    /// Creates a scorer.
    public init(routes: [RouteWeights]) {
        self.routes = routes
    }

    /// Throws unless every route of `definition` has a row of one common width, and no row names another route.
    public func validate(for routeNames: [String]) throws(RouterError) {
        let byName = Dictionary(routes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for name in routeNames where byName[name] == nil {
            throw RouterError(
                code: "invalid_routing_config",
                message: "routing_config.softmax has no weights for route \(name): the routes changed after fitting; run junction fit again"
            )
        }
        if let stale = routes.first(where: { !routeNames.contains($0.name) }) {
            throw RouterError(code: "invalid_routing_config", message: "routing_config.softmax names route \(stale.name), which the router does not have; run junction fit again")
        }
        let widths = Set(routes.map(\.weights.count))
        guard widths.count <= 1, routes.allSatisfy({ $0.bias.isFinite && $0.minProbability >= 0 && $0.minProbability <= 1 && $0.weights.allSatisfy(\.isFinite) }) else {
            throw RouterError(code: "invalid_routing_config", message: "routing_config.softmax: every route needs finite weights of one width, a bias and a min_probability in [0, 1]")
        }
    }

    /// The classifier's rows in the order of `routeNames`, as one flat matrix.
    func matrix(for routeNames: [String]) -> (weights: [Float], bias: [Float], minProbability: [Double], width: Int) {
        let byName = Dictionary(routes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = routeNames.compactMap { byName[$0] }
        return (rows.flatMap(\.weights), rows.map { Float($0.bias) }, rows.map(\.minProbability), rows.first?.weights.count ?? 0)
    }

    /// Softmax probabilities of `count` rows of logits (in place).
    static func softmax(_ logits: inout [Float], rows: Int, columns: Int) {
        for row in 0..<rows {
            let base = row * columns
            var top = -Float.infinity
            for j in 0..<columns { top = Swift.max(top, logits[base + j]) }
            var total: Float = 0
            for j in 0..<columns {
                let value = Foundation.exp(logits[base + j] - top)
                logits[base + j] = value
                total += value
            }
            for j in 0..<columns { logits[base + j] /= total }
        }
    }
}
