/// `EVAL script numkeys key [key ...] arg [arg ...]`: runs a script by source; returns its reply as it is.
public struct EVAL: RedisCommand {
    public typealias Response = RESPValue
    public var script: String
    public var keys: [String]
    public var scriptArguments: [RESPCommandArgument]

    /// Runs `script` with `keys` (`KEYS[...]`) and `arguments` (`ARGV[...]`).
    public init(_ script: String, keys: [String] = [], arguments: [RESPCommandArgument] = []) {
        self.script = script
        self.keys = keys
        self.scriptArguments = arguments
    }

    public var arguments: [RESPCommandArgument] {
        ["EVAL", .string(script), .integer(keys.count)] + keys.map { .string($0) } + scriptArguments
    }
}

/// `EVALSHA sha1 numkeys key [key ...] arg [arg ...]`: runs a script the server has cached; fails with server
/// code `NOSCRIPT` when it does not know it. Returns its reply as it is.
public struct EVALSHA: RedisCommand {
    public typealias Response = RESPValue
    public var sha1: String
    public var keys: [String]
    public var scriptArguments: [RESPCommandArgument]

    /// Runs the script named `sha1` with `keys` (`KEYS[...]`) and `arguments` (`ARGV[...]`).
    public init(sha1: String, keys: [String] = [], arguments: [RESPCommandArgument] = []) {
        self.sha1 = sha1
        self.keys = keys
        self.scriptArguments = arguments
    }

    public var arguments: [RESPCommandArgument] {
        ["EVALSHA", .string(sha1), .integer(keys.count)] + keys.map { .string($0) } + scriptArguments
    }
}

/// Namespace of the `SCRIPT` subcommands.
public enum SCRIPT {
    /// `SCRIPT LOAD script`: caches a script and returns its SHA-1.
    public struct LOAD: RedisCommand {
        public var script: String

        /// Caches `script` on the server.
        public init(_ script: String) {
            self.script = script
        }

        public var arguments: [RESPCommandArgument] { ["SCRIPT", "LOAD", .string(script)] }

        public func decode(_ reply: RESPValue) throws(RedisError) -> String {
            try reply.decodeString(for: "SCRIPT LOAD")
        }
    }

    /// `SCRIPT FLUSH`: empties the server's script cache.
    public struct FLUSH: RedisCommand {
        /// Empties the script cache.
        public init() {}

        public var arguments: [RESPCommandArgument] { ["SCRIPT", "FLUSH"] }

        public func decode(_ reply: RESPValue) throws(RedisError) {
            try reply.decodeOK(for: "SCRIPT FLUSH")
        }
    }
}
