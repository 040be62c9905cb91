/// How a route's distance to a text is computed: the routing method.
///
/// `avg`, `min` and `sum` are RedisVL's (over the references within the
/// largest threshold). The others are Junction extensions: RedisVL refuses a
/// router file that names one (its `aggregation_method` is an enum of the
/// three), so a file fitted with an extension fails loudly there instead of
/// routing differently; `junction fit` only picks them when allowed to.
public enum DistanceAggregation: String, Sendable, Equatable, Codable, CaseIterable {
    /// Mean distance of the route's references within range (RedisVL's default).
    case avg
    /// Distance of the route's nearest reference.
    case min
    /// Sum of the distances of the route's references within range.
    case sum
    /// Junction extension: mean distance of the route's 3 nearest references
    /// (fewer if it has fewer), all references counted, not only those in range.
    case nearest3 = "nearest_3"
    /// Junction extension: distance to the route's centroid, the normalised
    /// mean of its reference vectors (one distance per route).
    case centroid
    /// Junction extension: a linear (softmax) classifier over the routes,
    /// trained by `junction fit` and stored in `routing_config.softmax`; the
    /// route with the highest probability wins if that probability reaches
    /// the route's `min_probability`. The reported distance is the cosine
    /// distance to that route's centroid.
    case softmax

    /// The methods RedisVL understands.
    public static let redisVL: [DistanceAggregation] = [.avg, .min, .sum]

    /// Whether RedisVL can load a router file using this method.
    public var isRedisVLCompatible: Bool { Self.redisVL.contains(self) }

    /// Whether the method aggregates the distances of individual references
    /// (the others score from route-level vectors: centroids or learned weights).
    public var aggregatesReferences: Bool { self != .centroid && self != .softmax }

    /// Whether the aggregate depends on the search range (the largest threshold), as RedisVL's `avg` and `sum` do.
    public var dependsOnRange: Bool { self == .avg || self == .sum }
}
