import Foundation
import JunctionEncoder
import JunctionRouter

/// One fit of a loaded router to embedded labelled data, as `junction fit`
/// and `junction bench route-quality` run it.
enum RouterFitting {
    /// The fit's result and the router with it applied.
    static func fit(
        _ router: SemanticRouter, data labelled: LabeledData, dimension: Int, options: RouteFitter.Options,
        progress: (@Sendable (String) -> Void)? = nil
    ) throws(RouterError) -> (result: RouteFitter.Result, definition: RouterDefinition) {
        let definition = router.definition
        let references = router.referenceVectors()
        let fitter = RouteFitter(
            routeCount: definition.routes.count, dimension: dimension,
            references: references.vectors, referenceRoutes: references.routes,
            examples: labelled.vectors.flatMap(unit), labels: labelled.labelPositions(in: definition),
            addable: labelled.addable(in: definition), options: options
        )
        let result = try fitter.fit(progress: progress)
        return (result, definition.applying(result, examples: labelled.examples))
    }

    static func unit(_ vector: [Float]) -> [Float] {
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }
}
