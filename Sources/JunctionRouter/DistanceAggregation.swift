/// How the distances of a route's references become the route's distance.
///
/// `avg`, `min` and `sum` are RedisVL's (over the references within the
/// largest threshold). The others are Junction extensions: a router file that
/// uses one cannot be loaded by RedisVL; `junction fit` only picks them when
/// allowed to.
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

    /// The methods RedisVL understands.
    public static let redisVL: [DistanceAggregation] = [.avg, .min, .sum]

    /// Whether RedisVL can load a router file using this method.
    public var isRedisVLCompatible: Bool { Self.redisVL.contains(self) }
}
