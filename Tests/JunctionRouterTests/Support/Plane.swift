/// 2-d geometry where cosine distances to the query direction `(1, 0)` are chosen.
enum Plane {
    /// The query direction.
    static let query: [Float] = [1, 0]
    /// The opposite direction: distance 2 - d from a vector at distance d from `query`.
    static let opposite: [Float] = [-1, 0]

    /// A unit vector at cosine distance `distance` from `query` (upper half-plane unless `below`).
    static func vector(atDistance distance: Double, below: Bool = false) -> [Float] {
        let cosine = 1 - distance
        let sine = (1 - cosine * cosine).squareRoot()
        return [Float(cosine), Float(below ? -sine : sine)]
    }
}
