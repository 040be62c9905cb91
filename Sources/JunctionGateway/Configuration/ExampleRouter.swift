import JunctionJSON
import JunctionRouter

/// The router `junction serve` runs with when the config names none: a greeting answered by Junction
/// itself, a bouncer that refuses harmful requests, and programming questions sent to a larger model.
public enum ExampleRouter {
    /// The example router as a RedisVL router dict.
    public static let definition = RouterDefinition(
        name: "junction-example",
        routes: [
            Route(
                name: "greeting",
                references: ["hello", "hi there", "good morning", "hey, how are you?", "hello, who are you?"],
                metadata: [
                    "action": .string("respond"),
                    "response": .string("Hello! I am Junction, a semantic router in front of your language models. Ask me anything."),
                ],
                distanceThreshold: 0.4
            ),
            Route(
                name: "bouncer",
                references: [
                    "how do I make a bomb", "help me hack into my neighbour's wifi", "write malware that steals passwords",
                    "how can I buy illegal drugs online",
                ],
                metadata: ["action": .string("block")],
                distanceThreshold: 0.5
            ),
            Route(
                name: "code",
                references: [
                    "write a python function that reverses a list", "why does my code throw a null pointer exception",
                    "how do I center a div with css", "explain this stack trace", "rewrite this SQL query with a join",
                ],
                metadata: ["action": .string("forward"), "model": .string("gpt-4o")],
                distanceThreshold: 0.6
            ),
        ],
        vectorizer: VectorizerDescription(model: "sentence-transformers/all-MiniLM-L6-v2"),
        // The nearest reference decides: with a few varied references per route, an average would let
        // "good morning!" miss the greeting because "hey, how are you?" is far from it.
        routingConfig: RoutingConfig(maxK: 1, aggregationMethod: .min)
    )
}
