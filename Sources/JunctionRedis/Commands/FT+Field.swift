extension FT.CREATE {
    /// One field of an index schema: its raw arguments, with helpers for the usual kinds.
    public struct Field: Sendable, Hashable {
        /// The field's arguments as sent after `SCHEMA` (`name [AS alias] TYPE options...`).
        public var arguments: [RESPCommandArgument]

        /// A field from raw arguments.
        public init(_ arguments: [RESPCommandArgument]) {
            self.arguments = arguments
        }

        /// Vector index algorithms.
        public enum VectorAlgorithm: String, Sendable, Hashable {
            case flat = "FLAT"
            case hnsw = "HNSW"
        }

        /// Vector distance metrics.
        public enum DistanceMetric: String, Sendable, Hashable {
            case cosine = "COSINE"
            case l2 = "L2"
            case innerProduct = "IP"
        }

        /// `name [AS alias] TEXT [WEIGHT w] [SORTABLE]`.
        public static func text(_ name: String, as alias: String? = nil, weight: Double? = nil, sortable: Bool = false) -> Field {
            var arguments = head(name, alias, "TEXT")
            if let weight {
                arguments += ["WEIGHT", number(weight)]
            }
            if sortable { arguments.append("SORTABLE") }
            return Field(arguments)
        }

        /// `name [AS alias] TAG [SEPARATOR s] [CASESENSITIVE]`.
        public static func tag(_ name: String, as alias: String? = nil, separator: String? = nil, caseSensitive: Bool = false) -> Field {
            var arguments = head(name, alias, "TAG")
            if let separator {
                arguments += ["SEPARATOR", .string(separator)]
            }
            if caseSensitive { arguments.append("CASESENSITIVE") }
            return Field(arguments)
        }

        /// `name [AS alias] NUMERIC [SORTABLE]`.
        public static func numeric(_ name: String, as alias: String? = nil, sortable: Bool = false) -> Field {
            var arguments = head(name, alias, "NUMERIC")
            if sortable { arguments.append("SORTABLE") }
            return Field(arguments)
        }

        /// `name [AS alias] VECTOR algorithm n TYPE type DIM d DISTANCE_METRIC metric [extra...]`, where `n` counts
        /// the attribute arguments that follow. `extra` holds more attribute pairs (`M 16`, `EF_CONSTRUCTION 200`).
        public static func vector(
            _ name: String,
            as alias: String? = nil,
            algorithm: VectorAlgorithm = .flat,
            type: String = "FLOAT32",
            dimension: Int,
            distanceMetric: DistanceMetric = .cosine,
            extra: [RESPCommandArgument] = []
        ) -> Field {
            let attributes: [RESPCommandArgument] =
                ["TYPE", .string(type), "DIM", .integer(dimension), "DISTANCE_METRIC", .string(distanceMetric.rawValue)] + extra
            return Field(head(name, alias, "VECTOR") + [.string(algorithm.rawValue), .integer(attributes.count)] + attributes)
        }

        private static func head(_ name: String, _ alias: String?, _ type: String) -> [RESPCommandArgument] {
            if let alias {
                return [.string(name), "AS", .string(alias), .string(type)]
            }
            return [.string(name), .string(type)]
        }

        /// Whole numbers as integers (`WEIGHT 1`, as RedisVL sends it), others as decimals.
        private static func number(_ value: Double) -> RESPCommandArgument {
            if value.rounded() == value, abs(value) < 1e15 {
                return .integer(Int(value))
            }
            return .double(value)
        }
    }
}
