/// The schema of a RediSearch index as `FT.INFO` describes it: what keys it covers and its fields with their
/// attributes, read alike from RESP2 flat arrays and RESP3 maps.
///
/// ```swift
/// let info = try await client.send(["FT.INFO", "topic-router"])
/// let schema = SearchIndexSchema(info: info)
/// schema?.field(named: "vector")?.attributes["DIM"]  // "384"
/// ```
public struct SearchIndexSchema: Sendable, Hashable {
    /// One indexed field and the attributes `FT.INFO` reports for it.
    public struct Field: Sendable, Hashable {
        /// The field's name (its attribute name in queries).
        public var name: String
        /// `TAG`, `TEXT`, `NUMERIC`, `VECTOR`, ..., upper-cased.
        public var type: String
        /// Valued attributes, names upper-cased (`SEPARATOR`, `WEIGHT`, `ALGORITHM`, `DATA_TYPE`, `DIM`,
        /// `DISTANCE_METRIC`, ...), values as text.
        public var attributes: [String: String]
        /// Flags such as `SORTABLE` or `NOSTEM`.
        public var flags: [String]

        /// A field named `name` of type `type` (upper case, as `FT.INFO` reports it).
        public init(name: String, type: String, attributes: [String: String] = [:], flags: [String] = []) {
            self.name = name
            self.type = type
            self.attributes = attributes
            self.flags = flags
        }
    }

    /// `HASH` or `JSON` (`?` when the reply does not say).
    public var keyType: String
    /// The key prefixes the index covers.
    public var prefixes: [String]
    /// The indexed fields, in `FT.INFO` order.
    public var fields: [Field]

    /// A schema from its parts.
    public init(keyType: String, prefixes: [String], fields: [Field]) {
        self.keyType = keyType
        self.prefixes = prefixes
        self.fields = fields
    }

    /// Reads the schema part of an `FT.INFO` reply (RESP2 flat arrays or RESP3 maps); nil when the reply is
    /// not a record or has no `attributes` list. Field descriptions without a name or a type are left out.
    public init?(info: RESPValue) {
        guard let top = info.keyValuePairs,
              let attributes = top.first(where: { $0.key == "attributes" })?.value.array
        else { return nil }
        let definition = top.first { $0.key == "index_definition" }?.value
        keyType = definition?.value(forKey: "key_type")?.text ?? "?"
        prefixes = definition?.value(forKey: "prefixes")?.array?.compactMap(\.text) ?? []
        fields = attributes.compactMap(Self.field(from:))
    }

    /// The field named `name`, if the index has one.
    public func field(named name: String) -> Field? {
        fields.first { $0.name == name }
    }

    /// Field attributes of `FT.INFO` that take a value (RESP2 sends them flat, with flags mixed in).
    private static let valuedAttributes: Set<String> = [
        "IDENTIFIER", "ATTRIBUTE", "TYPE", "SEPARATOR", "WEIGHT", "ALGORITHM", "DATA_TYPE", "DIM", "DISTANCE_METRIC",
        "M", "EF_CONSTRUCTION", "EF_RUNTIME", "EPSILON", "INITIAL_CAP", "BLOCK_SIZE", "PHONETIC",
        "COMPRESSION", "CONSTRUCTION_WINDOW_SIZE", "GRAPH_MAX_DEGREE", "SEARCH_WINDOW_SIZE", "TRAINING_THRESHOLD",
        "REDUCE", "LEANVEC_DIM",
    ]

    /// One element of `attributes`: a RESP3 map (flags under `flags`) or a RESP2 flat list of names, values
    /// and flags.
    private static func field(from value: RESPValue) -> Field? {
        var attributes: [String: String] = [:]
        var flags: [String] = []
        if let pairs = value.map {
            for (key, item) in pairs {
                guard let name = key.text?.uppercased() else { continue }
                if name == "FLAGS" {
                    flags = item.array?.compactMap(\.text) ?? []
                } else if let text = item.text {
                    attributes[name] = text
                }
            }
        } else if let items = value.array {
            var index = 0
            while index < items.count {
                guard let name = items[index].text?.uppercased() else { index += 1; continue }
                if valuedAttributes.contains(name), index + 1 < items.count, let text = items[index + 1].text {
                    attributes[name] = text
                    index += 2
                } else {
                    flags.append(name)
                    index += 1
                }
            }
        } else {
            return nil
        }
        guard let name = attributes.removeValue(forKey: "ATTRIBUTE") ?? attributes["IDENTIFIER"],
              let type = attributes.removeValue(forKey: "TYPE")
        else { return nil }
        attributes.removeValue(forKey: "IDENTIFIER")
        return Field(name: name, type: type.uppercased(), attributes: attributes, flags: flags)
    }
}
