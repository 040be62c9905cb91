/// Namespace of the RediSearch (query engine) commands: `FT.CREATE`, `FT.INFO`, `FT.DROPINDEX`, `FT.SEARCH`,
/// `FT.AGGREGATE`.
public enum FT {
    /// `FT.CREATE index [ON HASH|JSON] [PREFIX n prefix ...] [SCORE s] [options] SCHEMA field ...`.
    ///
    /// The schema is a list of ``Field``s, each the raw arguments of one field; the helpers build the usual
    /// ones. RedisVL's router index, for example:
    /// ```swift
    /// FT.CREATE("topic-router", on: .hash, prefixes: ["topic-router"], score: 1.0, schema: [
    ///     .tag("reference_id", separator: ","), .tag("route_name", separator: ","),
    ///     .text("reference", weight: 1), .vector("vector", algorithm: .flat, dimension: 384, distanceMetric: .cosine),
    /// ])
    /// ```
    public struct CREATE: RedisCommand {
        /// What the index covers.
        public enum DataType: String, Sendable, Hashable {
            case hash = "HASH"
            case json = "JSON"
        }

        public var index: String
        public var on: DataType
        public var prefixes: [String]
        /// `SCORE`: the default document score; nil leaves it out.
        public var score: Double?
        /// Raw options placed after `SCORE` and before `SCHEMA` (`FILTER`, `LANGUAGE`, `STOPWORDS 0`, ...).
        public var options: [RESPCommandArgument]
        public var schema: [Field]

        /// Creates an index over keys starting with `prefixes` (every key when empty).
        public init(
            _ index: String,
            on: DataType = .hash,
            prefixes: [String] = [],
            score: Double? = nil,
            options: [RESPCommandArgument] = [],
            schema: [Field]
        ) {
            self.index = index
            self.on = on
            self.prefixes = prefixes
            self.score = score
            self.options = options
            self.schema = schema
        }

        public var arguments: [RESPCommandArgument] {
            var arguments: [RESPCommandArgument] = ["FT.CREATE", .string(index), "ON", .string(on.rawValue)]
            if !prefixes.isEmpty {
                arguments += ["PREFIX", .integer(prefixes.count)] + prefixes.map { .string($0) }
            }
            if let score {
                arguments += ["SCORE", .double(score)]
            }
            arguments += options
            arguments.append("SCHEMA")
            for field in schema {
                arguments += field.arguments
            }
            return arguments
        }

        public func decode(_ reply: RESPValue) throws(RedisError) {
            try reply.decodeOK(for: "FT.CREATE")
        }
    }

    /// `FT.INFO index`: the index's description as a dictionary (`index_name`, `num_docs`, `attributes`, ...),
    /// from a RESP3 map or a RESP2 flat array alike. Fails with server code `ERR` ("Unknown index name") when
    /// the index does not exist. ``SearchIndexSchema/init(info:)`` reads the index's schema from the raw reply
    /// (`send(["FT.INFO", index])`).
    public struct INFO: RedisCommand {
        public var index: String

        /// Describes `index`.
        public init(_ index: String) {
            self.index = index
        }

        public var arguments: [RESPCommandArgument] { ["FT.INFO", .string(index)] }

        public func decode(_ reply: RESPValue) throws(RedisError) -> [String: RESPValue] {
            try reply.decodeDictionary(for: "FT.INFO")
        }
    }

    /// `FT.DROPINDEX index [DD]`: drops the index, and with `deleteDocuments` the documents it covers.
    public struct DROPINDEX: RedisCommand {
        public var index: String
        public var deleteDocuments: Bool

        /// Drops `index`; keeps its documents unless `deleteDocuments`.
        public init(_ index: String, deleteDocuments: Bool = false) {
            self.index = index
            self.deleteDocuments = deleteDocuments
        }

        public var arguments: [RESPCommandArgument] {
            deleteDocuments ? ["FT.DROPINDEX", .string(index), "DD"] : ["FT.DROPINDEX", .string(index)]
        }

        public func decode(_ reply: RESPValue) throws(RedisError) {
            try reply.decodeOK(for: "FT.DROPINDEX")
        }
    }

    /// `FT.SEARCH index query [options] [PARAMS n name value ...] [DIALECT d]`: the reply as it is
    /// (see ``parse(_:)`` and ``SearchResults``).
    public struct SEARCH: RedisCommand {
        public typealias Response = RESPValue
        public var index: String
        public var query: String
        /// Raw options after the query (`RETURN 2 a b`, `SORTBY f ASC`, `LIMIT 0 10`, `WITHSCORES`, ...).
        public var options: [RESPCommandArgument]
        /// Query parameters (`$name` in the query), sent as `PARAMS`.
        public var parameters: [(name: String, value: RESPCommandArgument)]
        /// `DIALECT`; nil leaves it out (vector queries need 2 or more).
        public var dialect: Int?

        /// Searches `index` with `query`.
        public init(
            _ index: String,
            query: String,
            options: [RESPCommandArgument] = [],
            parameters: [(name: String, value: RESPCommandArgument)] = [],
            dialect: Int? = nil
        ) {
            self.index = index
            self.query = query
            self.options = options
            self.parameters = parameters
            self.dialect = dialect
        }

        public var arguments: [RESPCommandArgument] {
            ["FT.SEARCH", .string(index), .string(query)] + options
                + FT.parameterArguments(parameters, dialect: dialect)
        }

        /// Parses this search's reply (RESP2 or RESP3), knowing from its options whether it asked for
        /// `WITHSCORES` or `NOCONTENT`.
        public func parse(_ reply: RESPValue) throws(RedisError) -> SearchResults {
            try SearchResults(
                reply: reply,
                withScores: options.contains(.string("WITHSCORES")),
                noContent: options.contains(.string("NOCONTENT"))
            )
        }
    }

    /// `FT.AGGREGATE index query [pipeline ...] [PARAMS n name value ...] [DIALECT d]`: the reply as it is
    /// (see ``AggregateResults``).
    public struct AGGREGATE: RedisCommand {
        public typealias Response = RESPValue
        public var index: String
        public var query: String
        /// The raw aggregation pipeline after the query (`GROUPBY`, `REDUCE`, `SORTBY`, `FILTER`, ...).
        public var options: [RESPCommandArgument]
        /// Query parameters (`$name` in the query), sent as `PARAMS`.
        public var parameters: [(name: String, value: RESPCommandArgument)]
        /// `DIALECT`; nil leaves it out.
        public var dialect: Int?

        /// Aggregates over `index` with `query`.
        public init(
            _ index: String,
            query: String,
            options: [RESPCommandArgument] = [],
            parameters: [(name: String, value: RESPCommandArgument)] = [],
            dialect: Int? = nil
        ) {
            self.index = index
            self.query = query
            self.options = options
            self.parameters = parameters
            self.dialect = dialect
        }

        public var arguments: [RESPCommandArgument] {
            ["FT.AGGREGATE", .string(index), .string(query)] + options
                + FT.parameterArguments(parameters, dialect: dialect)
        }
    }

    static func parameterArguments(_ parameters: [(name: String, value: RESPCommandArgument)], dialect: Int?) -> [RESPCommandArgument] {
        var arguments: [RESPCommandArgument] = []
        if !parameters.isEmpty {
            arguments += ["PARAMS", .integer(parameters.count * 2)]
            for (name, value) in parameters {
                arguments += [.string(name), value]
            }
        }
        if let dialect {
            arguments += ["DIALECT", .integer(dialect)]
        }
        return arguments
    }
}
