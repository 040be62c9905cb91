/// Routing settings shared by all routes: RedisVL's `RoutingConfig`.
public struct RoutingConfig: Sendable, Equatable, Codable {
    /// Most matches `routeMany` returns (>= 1). Default 1.
    public var maxK: Int
    /// How reference distances aggregate into a route distance. Default `avg`.
    public var aggregationMethod: DistanceAggregation
    /// Junction: the learned scorer's weights, for `aggregation_method: softmax`. Default none.
    public var softmax: SoftmaxScorer?
    /// Junction: how decisions get their confidence (written by `junction fit`;
    /// RedisVL ignores it). Default none: decisions carry no confidence.
    public var confidence: ConfidenceCalibration?

    enum CodingKeys: String, CodingKey {
        case maxK = "max_k"
        case aggregationMethod = "aggregation_method"
        case softmax, confidence
    }

    /// Creates a routing config; see each property for its default.
    public init(
        maxK: Int = 1, aggregationMethod: DistanceAggregation = .avg,
        softmax: SoftmaxScorer? = nil, confidence: ConfidenceCalibration? = nil
    ) {
        self.maxK = maxK
        self.aggregationMethod = aggregationMethod
        self.softmax = softmax
        self.confidence = confidence
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // Decoded as a number first: Foundation's JSONDecoder reports 1.5 for an
        // Int as "not valid JSON" without naming the field.
        let maxK = try c.decodeIfPresent(Double.self, forKey: .maxK) ?? 1
        guard maxK.rounded() == maxK, abs(maxK) < 1e9 else {
            throw RouterError(code: "invalid_routing_config", message: "routing_config.max_k must be a whole number (got \(maxK))")
        }
        self.maxK = Int(maxK)
        let method = try c.decodeIfPresent(String.self, forKey: .aggregationMethod) ?? "avg"
        guard let parsed = DistanceAggregation(rawValue: method) else {
            let allowed = DistanceAggregation.allCases.map(\.rawValue).joined(separator: ", ")
            throw RouterError(code: "invalid_routing_config", message: "routing_config.aggregation_method must be one of \(allowed) (got \(method))")
        }
        aggregationMethod = parsed
        softmax = try c.decodeIfPresent(SoftmaxScorer.self, forKey: .softmax)
        confidence = try c.decodeIfPresent(ConfidenceCalibration.self, forKey: .confidence)
    }

    /// Throws when `max_k` is below 1, `softmax` is named without its weights, or the calibration is malformed.
    public func validate() throws(RouterError) {
        guard maxK >= 1 else {
            throw RouterError(code: "invalid_routing_config", message: "routing_config.max_k must be greater than 0 (got \(maxK))")
        }
        if aggregationMethod == .softmax, softmax == nil {
            throw RouterError(
                code: "invalid_routing_config",
                message: "routing_config.aggregation_method softmax needs routing_config.softmax (the learned weights junction fit writes)"
            )
        }
        try confidence?.validate()
    }
}
