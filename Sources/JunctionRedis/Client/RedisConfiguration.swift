/// Where and how to reach Redis, usually parsed from a `redis://` or `rediss://` URL.
///
/// `redis://[user[:password]@]host[:port][/db]`; `rediss://` is the same over TLS. The port defaults to 6379
/// and the database to 0; user and password are percent-decoded; an IPv6 host is written in brackets
/// (`redis://[::1]:6379`).
public struct RedisConfiguration: Sendable, Equatable {
    /// The server's host name or IP address (without brackets for IPv6).
    public var host: String
    /// The server's TCP port. Default 6379.
    public var port: Int
    /// The ACL user name; nil means the `default` user.
    public var username: String?
    /// The password; when set, the connection authenticates with `HELLO 3 AUTH` (or `AUTH` on servers without HELLO).
    public var password: String?
    /// The logical database selected with `SELECT` when not 0. Default 0.
    public var database: Int
    /// Whether to use TLS (`rediss://`), verifying the server's certificate against the system's trust roots
    /// (or ``tlsCertificateAuthorityFile``) and sending the host name as SNI.
    public var tls: Bool
    /// A PEM file of CA certificates to trust instead of the system's, for TLS; nil uses the system's trust roots.
    public var tlsCertificateAuthorityFile: String?
    /// How long opening a connection may take: TCP connect, TLS handshake, HELLO/AUTH and SELECT. Default 2 s.
    public var connectTimeout: Duration
    /// How long a command may wait for its reply. Default 2 s.
    ///
    /// A command that times out fails with code `timeout`. Replies arrive in order, so the connection is then
    /// out of step with the server: it is closed, and the other commands waiting on it fail with code `closed`.
    public var commandTimeout: Duration
    /// How many connections the client keeps (opened lazily, on demand). Default 4.
    public var poolSize: Int

    /// Creates a configuration for a server at `host:port`.
    public init(
        host: String = "127.0.0.1",
        port: Int = 6379,
        username: String? = nil,
        password: String? = nil,
        database: Int = 0,
        tls: Bool = false
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
        self.tlsCertificateAuthorityFile = nil
        self.connectTimeout = .seconds(2)
        self.commandTimeout = .seconds(2)
        self.poolSize = 4
    }

    /// Parses a `redis://` or `rediss://` URL.
    ///
    /// - Throws: ``RedisError`` with code `invalid_url` and a message naming the problem.
    public init(url: String) throws(RedisError) {
        self = try RedisURLParser.parse(url)
    }

    /// `host:port`, with an IPv6 host in brackets: how error messages name the server.
    public var endpoint: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The configuration as a URL without the password (safe to log): `redis://user@host:port/db`.
    public var redactedURL: String {
        var url = tls ? "rediss://" : "redis://"
        if let username {
            url += RedisURLParser.percentEncode(username)
            if password != nil { url += ":***" }
            url += "@"
        } else if password != nil {
            url += ":***@"
        }
        url += endpoint
        if database != 0 { url += "/\(database)" }
        return url
    }
}
