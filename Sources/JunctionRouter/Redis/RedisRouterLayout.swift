import JunctionJSON
import JunctionRedis

/// Where and how a router lives on Redis: RedisVL's keys and the commands it
/// sends, argument for argument (see `fixtures/redisvl/monitor.txt`).
///
/// - reference `{name}:{route}:{sha256hex(reference)}`, a hash of
///   `reference_id`, `route_name`, `reference` and `vector` (float32 bytes);
/// - router dict `{name}:route_config` (RedisJSON);
/// - index `{name}` over the prefix `{name}` (`RedisRouterSchema`).
struct RedisRouterLayout: Sendable {
    /// The router's name: its index name.
    let name: String

    /// `{name}:route_config`.
    var configKey: String { name + ":route_config" }

    /// RedisVL's key prefix: the name without trailing separators.
    var keyPrefix: String {
        var prefix = Substring(name)
        while prefix.hasSuffix(":") { prefix = prefix.dropLast() }
        return String(prefix)
    }

    /// The hash of one reference of `route`, whose id is `sha256hex(reference)`.
    func referenceKey(route: String, id: String) -> String {
        keyPrefix.isEmpty ? "\(route):\(id)" : "\(keyPrefix):\(route):\(id)"
    }

    /// `SCAN ... MATCH` pattern of the keys of `route`, glob characters escaped (RedisVL's `match_pattern`).
    func routePattern(_ route: String) -> String {
        let segments = keyPrefix.isEmpty ? [route, ":"] : [keyPrefix, ":", route, ":"]
        var pattern = ""
        for character in segments.joined() {
            if "\\*?[".contains(character) { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern + "*"
    }

    /// `HSET` of one reference, fields in RedisVL's order.
    func storeCommand(route: String, reference: String, vector: [Float]) -> [RESPCommandArgument] {
        let id = ReferenceID.of(reference)
        return [
            "HSET", .string(referenceKey(route: route, id: id)),
            "reference_id", .string(id), "route_name", .string(route), "reference", .string(reference),
            "vector", .vector(vector),
        ]
    }

    /// `JSON.SET {name}:route_config . <to_dict JSON>`.
    func saveConfigCommand(_ definition: RouterDefinition) -> [RESPCommandArgument] {
        ["JSON.SET", .string(configKey), ".", .string(definition.routeConfigJSON())]
    }

    /// `JSON.GET {name}:route_config .`.
    var loadConfigCommand: [RESPCommandArgument] {
        ["JSON.GET", .string(configKey), "."]
    }

    /// The `FT.AGGREGATE` that routes `vector`: references within the largest
    /// threshold, grouped by route, reduced with `method`, nearest `maxK`
    /// kept, then each route filtered by its own threshold.
    func routeCommand(vector: [Float], routes: [Route], method: DistanceAggregation, maxK: Int) -> [RESPCommandArgument] {
        let range = routes.map(\.distanceThreshold).max() ?? 0
        return [
            "FT.AGGREGATE", .string(name),
            "@vector:[VECTOR_RANGE $distance_threshold $vector]=>{$YIELD_DISTANCE_AS: vector_distance}",
            "SCORER", "TFIDF", "DIALECT", "2",
            "GROUPBY", "1", "@route_name",
            "REDUCE", .string(method.rawValue.uppercased()), "1", "vector_distance", "AS", "distance",
            "SORTBY", "1", "@distance", "MAX", .string(String(maxK)),
            "FILTER", .string(Self.thresholdFilter(routes)),
            "PARAMS", "4", "vector", .vector(vector), "distance_threshold", .string(PythonJSON.float(range)),
        ]
    }

    /// `(@route_name == 'a' && @distance < 0.71) || ...`, thresholds as Python prints them.
    /// Quotes and backslashes in route names are escaped (RedisVL sends them
    /// as they are, and Redis then rejects the query as a syntax error).
    static func thresholdFilter(_ routes: [Route]) -> String {
        routes.map { route in
            var quoted = ""
            for character in route.name {
                if character == "'" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            return "(@route_name == '\(quoted)' && @distance < \(PythonJSON.float(route.distanceThreshold)))"
        }.joined(separator: " || ")
    }

    /// `FT.SEARCH` of the references with id `id` (RedisVL's `get_route_references` query).
    func referenceQuery(id: String) -> [RESPCommandArgument] {
        [
            "FT.SEARCH", .string(name), .string("@reference_id:{\(id)}"),
            "RETURN", "3", "reference_id", "route_name", "reference", "DIALECT", "2", "LIMIT", "0", "10",
        ]
    }
}
