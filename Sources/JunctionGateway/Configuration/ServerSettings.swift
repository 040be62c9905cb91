/// Where the gateway listens and how it treats requests as a whole (`server:` in the config).
public struct ServerSettings: Sendable, Equatable {
    /// Address to bind. Default `127.0.0.1`.
    public var host: String
    /// Port to bind; 0 picks a free one. Default 8080.
    public var port: Int
    /// Largest request body accepted; larger ones get 413 `body_too_large`. Default 1 MiB.
    public var maxBodyBytes: Int
    /// How long in-flight requests may take to finish on shutdown, in seconds. Default 30.
    public var shutdownGraceSeconds: Double

    /// Settings; see each property for its default.
    public init(host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 1_048_576, shutdownGraceSeconds: Double = 30) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.shutdownGraceSeconds = shutdownGraceSeconds
    }

    static let keys = ["host", "port", "max_body_bytes", "shutdown_grace_seconds"]

    init(_ node: ConfigNode) throws(GatewayError) {
        self.init()
        let members = try node.mapping(allowed: Self.keys)
        if let value = members["host"] { host = try value.nonEmptyString() }
        if let value = members["port"] { port = try value.int(0...65535) }
        if let value = members["max_body_bytes"] { maxBodyBytes = try value.int(1...1 << 30) }
        if let value = members["shutdown_grace_seconds"] { shutdownGraceSeconds = try value.double(0...3600) }
    }
}
