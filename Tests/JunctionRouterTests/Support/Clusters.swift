@testable import JunctionRouter

/// Synthetic routing data in a few dimensions: each route is a cluster around
/// its own axis; out-of-scope examples point along axes no route owns.
struct Clusters {
    let routeCount: Int
    let dimension: Int
    var references: [Float] = []
    var referenceRoutes: [Int] = []

    init(routeCount: Int = 4, dimension: Int = 8, referencesPerRoute: Int = 5, spread: Float = 0.35, seed: UInt64 = 11) {
        self.routeCount = routeCount
        self.dimension = dimension
        var generator = SeededGenerator(seed: seed)
        for route in 0..<routeCount {
            for _ in 0..<referencesPerRoute {
                references += point(axis: route, spread: spread, using: &generator)
                referenceRoutes.append(route)
            }
        }
    }

    /// A unit vector near `axis` (out-of-scope axes are those >= routeCount).
    func point(axis: Int, spread: Float, using generator: inout SeededGenerator) -> [Float] {
        var vector = (0..<dimension).map { _ in Float.random(in: -spread...spread, using: &generator) }
        vector[axis] += 1
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return vector.map { $0 / norm }
    }

    /// `inScope` examples per route and `outOfScope` ones spread over the free axes, flat, with labels.
    func examples(inScope: Int, outOfScope: Int, spread: Float = 0.45, seed: UInt64) -> (vectors: [Float], labels: [Int]) {
        var generator = SeededGenerator(seed: seed)
        var vectors: [Float] = [], labels: [Int] = []
        for i in 0..<(inScope * routeCount) {
            vectors += point(axis: i % routeCount, spread: spread, using: &generator)
            labels.append(i % routeCount)
        }
        for i in 0..<outOfScope {
            // Half of them lean towards a route: the hard ones a loose threshold lets in.
            var vector = point(axis: routeCount + i % (dimension - routeCount), spread: spread, using: &generator)
            if i % 2 == 0 { vector[i % routeCount] += 0.8 }
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            vectors += vector.map { $0 / norm }
            labels.append(-1)
        }
        return (vectors, labels)
    }

    func fitter(_ data: (vectors: [Float], labels: [Int]), options: RouteFitter.Options) -> RouteFitter {
        RouteFitter(
            routeCount: routeCount, dimension: dimension, references: references, referenceRoutes: referenceRoutes,
            examples: data.vectors, labels: data.labels, options: options
        )
    }
}
