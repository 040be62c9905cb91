import Foundation
import JunctionJSON
import Testing
import Yams
@testable import JunctionRouter

@Suite struct RouterDefinitionFilesTests {
    static let redisVLYAML = """
    name: topic-router
    routes:
    - name: technology
      references:
      - what are the latest advancements in AI?
      - tell me about the newest gadgets
      metadata:
        category: tech
        priority: 1
      distance_threshold: 0.71
    - name: sports
      references:
      - who won the game last night?
      metadata: {}
      distance_threshold: 0.72
    vectorizer:
      type: hf
      model: sentence-transformers/all-MiniLM-L6-v2
    routing_config:
      max_k: 2
      aggregation_method: min
    """

    static let expected = RouterDefinition(
        name: "topic-router",
        routes: [
            Route(
                name: "technology",
                references: ["what are the latest advancements in AI?", "tell me about the newest gadgets"],
                metadata: ["category": .string("tech"), "priority": .number(1)],
                distanceThreshold: 0.71
            ),
            Route(name: "sports", references: ["who won the game last night?"], distanceThreshold: 0.72),
        ],
        vectorizer: VectorizerDescription(type: "hf", model: "sentence-transformers/all-MiniLM-L6-v2"),
        routingConfig: RoutingConfig(maxK: 2, aggregationMethod: .min)
    )

    /// Metadata of every JSON kind, nested.
    static let richMetadata: [String: JSONValue] = [
        "model": .string("gpt-4o-mini"),
        "count": .number(3),
        "ratio": .number(0.25),
        "negative": .number(-1.5),
        "tiny": .number(1e-05),
        "enabled": .bool(true),
        "disabled": .bool(false),
        "nothing": .null,
        "tags": .array([.string("a"), .number(2), .bool(false), .null, .array([]), .object([:])]),
        "nested": .object(["inner": .object(["deep": .array([.number(1), .string("two")])]), "empty": .object([:])]),
    ]

    static func definition(metadata: [String: JSONValue] = [:], threshold: Double = 0.2) -> RouterDefinition {
        RouterDefinition(
            name: "router",
            routes: [
                Route(name: "greeting", references: ["hello", "hi there"], metadata: metadata, distanceThreshold: threshold),
                Route(name: "farewell", references: ["goodbye"], distanceThreshold: 0.35),
            ],
            vectorizer: VectorizerDescription(model: "sentence-transformers/all-MiniLM-L6-v2"),
            routingConfig: RoutingConfig(maxK: 3, aggregationMethod: .sum)
        )
    }

    /// A number in exponent notation (`2e-1`, `1.5E+20`), which PyYAML reads as a string.
    nonisolated(unsafe) static let exponent = /[0-9][eE][-+]?[0-9]/

    // MARK: Loading

    @Test func loadsARedisVLYAMLFile() async throws {
        try await withTemporaryDirectory { directory throws in
            let url = directory.appendingPathComponent("router.yaml")
            try Data(Self.redisVLYAML.utf8).write(to: url)
            #expect(try RouterDefinition.load(from: url) == Self.expected)
        }
    }

    @Test func loadsAYmlFile() async throws {
        try await withTemporaryDirectory { directory throws in
            let url = directory.appendingPathComponent("router.yml")
            try Data(Self.redisVLYAML.utf8).write(to: url)
            #expect(try RouterDefinition.load(from: url) == Self.expected)
        }
    }

    @Test func loadsAJSONFile() async throws {
        let json = """
        {"name": "topic-router",
         "routes": [
           {"name": "technology", "references": ["what are the latest advancements in AI?", "tell me about the newest gadgets"],
            "metadata": {"category": "tech", "priority": 1}, "distance_threshold": 0.71},
           {"name": "sports", "references": ["who won the game last night?"], "metadata": {}, "distance_threshold": 0.72}],
         "vectorizer": {"type": "hf", "model": "sentence-transformers/all-MiniLM-L6-v2"},
         "routing_config": {"max_k": 2, "aggregation_method": "min"}}
        """
        try await withTemporaryDirectory { directory throws in
            let url = directory.appendingPathComponent("router.json")
            try Data(json.utf8).write(to: url)
            #expect(try RouterDefinition.load(from: url) == Self.expected)
        }
    }

    @Test func missingOptionalFieldsTakeRedisVLDefaults() throws {
        let yaml = """
        name: r
        routes:
        - name: a
          references: [x]
        vectorizer: {type: hf, model: m}
        routing_config: {}
        """
        let definition = try RouterDefinition.decode(Data(yaml.utf8))
        #expect(definition.routes[0].distanceThreshold == 0.5)
        #expect(definition.routes[0].metadata.isEmpty)
        #expect(definition.routingConfig == RoutingConfig())
    }

    @Test func loadValidates() async throws {
        let yaml = Self.redisVLYAML.replacingOccurrences(of: "distance_threshold: 0.72", with: "distance_threshold: 2.5")
        try await withTemporaryDirectory { directory throws in
            let url = directory.appendingPathComponent("router.yaml")
            try Data(yaml.utf8).write(to: url)
            let error = try #require(throws: RouterError.self) { try RouterDefinition.load(from: url) }
            #expect(error.code == "invalid_route")
            #expect(error.message.contains("sports"))
            #expect(error.message.contains("distance_threshold"))
        }
    }

    @Test func missingFieldIsNamedWithItsPath() throws {
        let yaml = """
        name: r
        routes:
        - name: a
          references: [x]
        - name: b
        vectorizer: {type: hf, model: m}
        routing_config: {}
        """
        let error = try #require(throws: RouterError.self) { try RouterDefinition.decode(Data(yaml.utf8), source: "router.yaml") }
        #expect(error.code == "invalid_file")
        #expect(error.message.contains("router.yaml"))
        #expect(error.message.contains("routes[1].references"))
    }

    @Test func missingFileIsReported() throws {
        let url = URL(fileURLWithPath: "/nonexistent/junction/router.yaml")
        let error = try #require(throws: RouterError.self) { try RouterDefinition.load(from: url) }
        #expect(error.code == "invalid_file")
        #expect(error.message.contains(url.path))
    }

    // MARK: Writing YAML

    @Test func yamlKeepsRedisVLKeyOrder() throws {
        let keys = try Self.definition().yaml().split(separator: "\n").compactMap { line -> String? in
            var text = Substring(line)
            while text.hasPrefix(" ") || text.hasPrefix("- ") { text = text.hasPrefix("- ") ? text.dropFirst(2) : text.dropFirst() }
            guard let colon = text.firstIndex(of: ":") else { return nil }
            return String(text[..<colon])
        }
        let route = ["name", "references", "metadata", "distance_threshold"]
        #expect(keys == ["name", "routes"] + route + route + ["vectorizer", "type", "model", "routing_config", "max_k", "aggregation_method"])
    }

    @Test func yamlWritesDecimalsPositionally() throws {
        let point2 = try Self.definition(threshold: 0.2).yaml()
        #expect(point2.contains("distance_threshold: 0.2\n"))
        #expect(!point2.contains(Self.exponent))
        let tiny = try Self.definition(threshold: 1e-05).yaml()
        #expect(tiny.contains("distance_threshold: 0.00001\n"))
        #expect(!tiny.contains(Self.exponent))
        let whole = try Self.definition(threshold: 1).yaml()
        #expect(whole.contains("distance_threshold: 1\n"))
        #expect(whole.contains("max_k: 3\n"))
        #expect(whole.contains("aggregation_method: sum\n"))
    }

    @Test(arguments: [0.2, 1e-05, 0.1 + 0.2, 1.0 / 3, 1e-7, 2, 1.5e-10])
    func yamlNumbersReadBackExactly(threshold: Double) throws {
        let yaml = try Self.definition(threshold: threshold).yaml()
        #expect(!yaml.contains(Self.exponent), "\(yaml)")
        let back = try RouterDefinition.decode(Data(yaml.utf8))
        #expect(back.routes[0].distanceThreshold == threshold)
    }

    @Test func yamlRoundTripKeepsMetadataOfEveryKind() throws {
        let definition = Self.definition(metadata: Self.richMetadata)
        let back = try RouterDefinition.decode(Data(definition.yaml().utf8))
        #expect(back == definition)
    }

    /// Strings that a YAML reader could take for numbers, booleans or null
    /// (a version "1.0", an answer "yes") must come back as strings.
    @Test func yamlRoundTripKeepsStringsThatLookLikeOtherScalars() throws {
        let tricky: [String: JSONValue] = [
            "version": .string("1.0"), "answer": .string("yes"), "flag": .string("true"),
            "nothing": .string("null"), "count": .string("42"), "tilde": .string("~"), "empty": .string(""),
        ]
        let definition = Self.definition(metadata: tricky)
        let back = try RouterDefinition.decode(Data(definition.yaml().utf8))
        #expect(back.routes[0].metadata == tricky)
    }

    /// RedisVL reads the file with PyYAML: a reference written as plain `yes`
    /// or `123` would come back as a boolean or a number. Read with a YAML
    /// 1.1 resolver (Yams's), every reference and metadata string must still be a string.
    @Test func yamlQuotesStringsThatAYAMLReaderWouldTakeForOtherTypes() throws {
        let texts = ["yes", "no", "on", "123", "1.0", "null", "~", "true", ""]
        var definition = Self.definition(metadata: Dictionary(uniqueKeysWithValues: texts.enumerated().map { ("k\($0.offset)", JSONValue.string($0.element)) }))
        definition.routes[0].references = texts.filter { !$0.isEmpty }
        let loaded = try #require(try Yams.load(yaml: definition.yaml()) as? [String: Any])
        let route = try #require((loaded["routes"] as? [[String: Any]])?.first)
        let references = try #require(route["references"] as? [Any])
        #expect(references.map { "\(type(of: $0))" } == Array(repeating: "String", count: texts.count - 1))
        let metadata = try #require(route["metadata"] as? [String: Any])
        #expect(metadata.values.filter { !($0 is String) }.count == 0, "\(metadata)")
    }

    @Test func yamlRoundTripKeepsReferencesThatLookLikeOtherScalars() throws {
        var definition = Self.definition()
        definition.routes[0].references = ["yes", "123", "null", "- dash", "key: value", "#hash", "  padded  "]
        let back = try RouterDefinition.decode(Data(definition.yaml().utf8))
        #expect(back == definition)
    }

    // MARK: JSON

    @Test func jsonRoundTrip() throws {
        let definition = Self.definition(metadata: Self.richMetadata, threshold: 1e-05)
        let back = try RouterDefinition.decode(definition.json(), yaml: false)
        #expect(back == definition)
    }

    @Test func jsonUsesRedisVLFieldNames() throws {
        let text = String(decoding: try Self.definition().json(), as: UTF8.self)
        for key in ["\"distance_threshold\"", "\"routing_config\"", "\"max_k\"", "\"aggregation_method\"", "\"vectorizer\""] {
            #expect(text.contains(key))
        }
        #expect(text.contains("\"aggregation_method\" : \"sum\""))
    }

    @Test(arguments: ["router.yaml", "router.json"])
    func writeThenLoadRoundTrips(fileName: String) async throws {
        let definition = Self.definition(metadata: Self.richMetadata)
        try await withTemporaryDirectory { directory throws in
            let url = directory.appendingPathComponent(fileName)
            try definition.write(to: url)
            #expect(try RouterDefinition.load(from: url) == definition)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.hasPrefix(fileName.hasSuffix("json") ? "{" : "name: router"))
        }
    }

    @Test func routeNamedFindsTheRoute() {
        let definition = Self.definition()
        #expect(definition.route(named: "farewell")?.references == ["goodbye"])
        #expect(definition.route(named: "unknown") == nil)
    }
}

extension RouterDefinitionFilesTests {
    /// Below 1e-4 Swift prints numbers in exponent form; the positional
    /// rewrite must still keep every significant digit.
    @Test(arguments: [1.2345678901234567e-05, 9.87654321e-5])
    func yamlKeepsEverySignificantDigitOfSmallNumbers(value: Double) throws {
        let definition = Self.definition(metadata: ["small": .number(value)], threshold: value)
        let back = try RouterDefinition.decode(Data(definition.yaml().utf8))
        #expect(back.routes[0].distanceThreshold == value)
        #expect(back.routes[0].metadata["small"] == .number(value))
    }
}
