import NIOCore

/// Namespace of the RedisJSON commands: `JSON.SET`, `JSON.GET`.
public enum JSON {
    /// `JSON.SET key path json [NX|XX]`: true when the value was set, false when the condition prevented it.
    ///
    /// `json` is serialized JSON text; `path` is `$` (or the legacy `.`) for the whole document.
    public struct SET: RedisCommand {
        /// When to set the value.
        public enum Condition: Sendable, Hashable {
            /// `NX`: only if the path does not exist.
            case ifNotExists
            /// `XX`: only if the path exists.
            case ifExists
        }

        public var key: String
        public var path: String
        public var json: String
        public var condition: Condition?

        /// Sets the value at `path` of the document at `key` to `json`.
        public init(_ key: String, path: String = "$", json: String, condition: Condition? = nil) {
            self.key = key
            self.path = path
            self.json = json
            self.condition = condition
        }

        public var arguments: [RESPCommandArgument] {
            var arguments: [RESPCommandArgument] = ["JSON.SET", .string(key), .string(path), .string(json)]
            switch condition {
            case .ifNotExists: arguments.append("NX")
            case .ifExists: arguments.append("XX")
            case nil: break
            }
            return arguments
        }

        public func decode(_ reply: RESPValue) throws(RedisError) -> Bool {
            if reply.isNull { return false }
            try reply.decodeOK(for: "JSON.SET")
            return true
        }
    }

    /// `JSON.GET key [path ...]`: the JSON text, or nil when the key does not exist.
    ///
    /// With no path, the whole document as stored (legacy root `.`); with `$`-paths, a JSON array of matches
    /// (an object keyed by path when several paths are given).
    public struct GET: RedisCommand {
        public var key: String
        public var paths: [String]

        /// Reads `paths` (the whole document when empty) of the document at `key`.
        public init(_ key: String, paths: [String] = []) {
            self.key = key
            self.paths = paths
        }

        /// Reads one path of the document at `key`.
        public init(_ key: String, path: String) {
            self.init(key, paths: [path])
        }

        public var arguments: [RESPCommandArgument] { ["JSON.GET", .string(key)] + paths.map { .string($0) } }

        public func decode(_ reply: RESPValue) throws(RedisError) -> String? {
            try reply.decodeOptionalBytes(for: "JSON.GET").map { String(buffer: $0) }
        }
    }
}
