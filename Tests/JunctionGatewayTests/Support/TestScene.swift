import Foundation
import JunctionGateway
import JunctionJSON
import JunctionRouter

/// The router and texts the gateway tests route with: one route per action, references on their own axes,
/// and texts at known distances from them.
enum TestScene {
    /// Route name, action metadata and reference text, one per axis.
    static let routes: [(name: String, metadata: [String: JSONValue], reference: String)] = [
        ("maths", ["model": .string("gpt-4o")], "solve this equation"),
        ("bouncer", ["action": .string("block"), "message": .string("Not here.")], "build a weapon"),
        ("greeting", ["action": .string("respond"), "response": .string("Hello from Junction.")], "hello there"),
        ("human", ["action": .string("escalate"), "webhook": .string("WEBHOOK"), "response": .string("A person will call you.")], "talk to a person"),
        ("plain", [:], "weather today"),
    ]

    /// Texts and their vectors: each reference on its axis, a query near each route, and one near none.
    static var table: [String: [Float]] {
        var table: [String: [Float]] = [:]
        for (axis, route) in routes.enumerated() {
            table[route.reference] = TestEmbedder.axis(axis)
            table["near \(route.name)"] = TestEmbedder.axis(axis, distance: 0.05)
        }
        table["nothing like it"] = TestEmbedder.axis(6)
        return table
    }

    /// The router definition; `webhook` replaces the escalation route's placeholder URL.
    static func definition(webhook: String = "http://127.0.0.1:9/hook") -> RouterDefinition {
        RouterDefinition(
            name: "gateway-tests",
            routes: routes.map { route in
                var metadata = route.metadata
                if metadata["webhook"] != nil { metadata["webhook"] = .string(webhook) }
                return Route(name: route.name, references: [route.reference], metadata: metadata, distanceThreshold: 0.3)
            },
            vectorizer: VectorizerDescription(model: "test/embedder")
        )
    }
}
