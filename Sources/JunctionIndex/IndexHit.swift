/// One search result: the stored id and its cosine distance to the query.
public struct IndexHit: Sendable, Equatable, Comparable {
    /// The id given at insertion.
    public var id: String
    /// Cosine distance `1 - cos`, in [0, 2].
    public var distance: Float

    /// Creates a hit.
    public init(id: String, distance: Float) {
        self.id = id
        self.distance = distance
    }

    /// Nearest first; equal distances ordered by id, so results are deterministic.
    public static func < (lhs: IndexHit, rhs: IndexHit) -> Bool {
        lhs.distance != rhs.distance ? lhs.distance < rhs.distance : lhs.id < rhs.id
    }
}
