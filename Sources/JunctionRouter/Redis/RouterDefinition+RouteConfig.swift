import Foundation
import JunctionJSON

extension RouterDefinition {
    /// The router dict as RedisVL sends it to `JSON.SET {name}:route_config .`:
    /// `json.dumps(router.to_dict())`, byte for byte for routers RedisVL can
    /// hold (key order name, routes, vectorizer, routing_config; `", "` and
    /// `": "` separators; non-ASCII escaped as `\uXXXX`; thresholds written as
    /// Python floats). Metadata keys are sorted (Junction keeps no key order).
    public func routeConfigJSON() -> String {
        var out = ""
        PythonJSON.write(.object([
            ("name", .string(name)),
            ("routes", .array(routes.map { route in
                .object([
                    ("name", .string(route.name)),
                    ("references", .array(route.references.map(PythonJSON.string))),
                    ("metadata", PythonJSON.value(.object(route.metadata))),
                    ("distance_threshold", .float(route.distanceThreshold)),
                ])
            })),
            ("vectorizer", .object([("type", .string(vectorizer.type)), ("model", .string(vectorizer.model))])),
            ("routing_config", .object([
                ("max_k", .integer(routingConfig.maxK)),
                ("aggregation_method", .string(routingConfig.aggregationMethod.rawValue)),
            ])),
        ]), to: &out)
        return out
    }

    /// Reads the JSON stored at `{name}:route_config` (what `JSON.GET` returns), validated.
    static func fromRouteConfig(_ text: String, key: String) throws(RouterError) -> RouterDefinition {
        let definition = try decode(Data(text.utf8), yaml: false, source: key)
        do {
            try definition.validate()
        } catch {
            throw RouterError(code: error.code, message: "\(key): \(error.message)")
        }
        return definition
    }
}
