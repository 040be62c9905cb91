/// One document of an `FT.SEARCH` reply: its key and the fields returned for it.
public struct SearchDocument: Sendable, Equatable {
    /// The document's key.
    public var id: String
    /// The returned fields (`vector_distance`, hash fields, `$` for JSON documents) and their values as sent.
    public var fields: [String: RESPValue]
    /// The document's score, when the search asked for `WITHSCORES`.
    public var score: Double?

    /// Creates a document.
    public init(id: String, fields: [String: RESPValue], score: Double? = nil) {
        self.id = id
        self.fields = fields
        self.score = score
    }

    /// Parses an `FT.SEARCH` reply (RESP2 or RESP3) into its documents; see ``SearchResults``.
    public static func documents(in reply: RESPValue, withScores: Bool = false, noContent: Bool = false) throws(RedisError) -> [SearchDocument] {
        try SearchResults(reply: reply, withScores: withScores, noContent: noContent).documents
    }
}

/// An `FT.SEARCH` reply: the total number of matches and the documents of this page.
public struct SearchResults: Sendable, Equatable {
    /// How many documents match (may exceed `documents.count`, which `LIMIT` bounds).
    public var total: Int
    /// The documents of this page, in the order Redis sent them.
    public var documents: [SearchDocument]

    /// Parses an `FT.SEARCH` reply in either protocol:
    /// - RESP3: a map with `total_results` and `results`, each result a map with `id`, `extra_attributes`
    ///   and, with `WITHSCORES`, `score`;
    /// - RESP2: an array `[total, id, [field, value, ...], id, [...], ...]`, with a score after each id when
    ///   `withScores`, and ids only when `noContent` (say which, since RESP2 replies do not).
    ///
    /// `WITHPAYLOADS` and `WITHSORTKEYS` replies are not supported in RESP2.
    public init(reply: RESPValue, withScores: Bool = false, noContent: Bool = false) throws(RedisError) {
        if reply.map != nil {
            try self.init(resp3: reply)
        } else {
            try self.init(resp2: reply, withScores: withScores, noContent: noContent)
        }
    }

    private init(resp3 reply: RESPValue) throws(RedisError) {
        let map = try reply.decodeDictionary(for: "FT.SEARCH")
        guard let total = map["total_results"]?.int, let results = map["results"]?.array else {
            throw .unexpectedReply("FT.SEARCH", expected: "a map with total_results and results", got: reply)
        }
        self.total = total
        self.documents = []
        documents.reserveCapacity(results.count)
        for result in results {
            let entry = try result.decodeDictionary(for: "FT.SEARCH")
            guard let id = entry["id"]?.string else {
                throw .unexpectedReply("FT.SEARCH", expected: "a result with an id", got: result)
            }
            let fields = try entry["extra_attributes"]?.decodeDictionary(for: "FT.SEARCH") ?? [:]
            documents.append(SearchDocument(id: id, fields: fields, score: entry["score"].flatMap(Self.number)))
        }
    }

    private init(resp2 reply: RESPValue, withScores: Bool, noContent: Bool) throws(RedisError) {
        let elements = try reply.decodeArray(for: "FT.SEARCH")
        guard let total = elements.first?.int else {
            throw .unexpectedReply("FT.SEARCH", expected: "an array starting with the total", got: reply)
        }
        self.total = total
        self.documents = []
        var index = 1
        func next() throws(RedisError) -> RESPValue {
            guard index < elements.count else {
                throw .unexpectedReply("FT.SEARCH", expected: "complete results (id, score, fields)", got: reply)
            }
            defer { index += 1 }
            return elements[index]
        }
        while index < elements.count {
            guard let id = try next().string else {
                throw .unexpectedReply("FT.SEARCH", expected: "a document id", got: elements[index - 1])
            }
            var score: Double?
            if withScores {
                score = Self.number(try next())
            }
            var fields: [String: RESPValue] = [:]
            if !noContent {
                let content = try next()
                // A document deleted during the search comes back with a null instead of its fields.
                if !content.isNull {
                    fields = try content.decodeDictionary(for: "FT.SEARCH")
                }
            }
            documents.append(SearchDocument(id: id, fields: fields, score: score))
        }
    }

    /// A number sent as a RESP3 double, an integer or text.
    static func number(_ value: RESPValue) -> Double? {
        if let double = value.double { return double }
        if let int = value.int { return Double(int) }
        return value.string.flatMap(Double.init)
    }
}

/// An `FT.AGGREGATE` reply (without `WITHCURSOR`): one row of fields per group or document.
public struct AggregateResults: Sendable, Equatable {
    /// The rows in the order Redis sent them, each a dictionary of field name to value (values are usually
    /// strings: `"0.12"` for a distance).
    public var rows: [[String: RESPValue]]

    /// Parses an `FT.AGGREGATE` reply in either protocol: RESP3 (a map whose `results` hold
    /// `extra_attributes`) or RESP2 (`[count, [field, value, ...], ...]`).
    public init(reply: RESPValue) throws(RedisError) {
        if reply.map != nil {
            let map = try reply.decodeDictionary(for: "FT.AGGREGATE")
            guard let results = map["results"]?.array else {
                throw .unexpectedReply("FT.AGGREGATE", expected: "a map with results", got: reply)
            }
            rows = []
            for result in results {
                let entry = try result.decodeDictionary(for: "FT.AGGREGATE")
                rows.append(try entry["extra_attributes"]?.decodeDictionary(for: "FT.AGGREGATE") ?? [:])
            }
        } else {
            let elements = try reply.decodeArray(for: "FT.AGGREGATE")
            guard elements.first?.int != nil else {
                throw .unexpectedReply("FT.AGGREGATE", expected: "an array starting with a count", got: reply)
            }
            rows = []
            for row in elements.dropFirst() {
                rows.append(try row.decodeDictionary(for: "FT.AGGREGATE"))
            }
        }
    }
}
