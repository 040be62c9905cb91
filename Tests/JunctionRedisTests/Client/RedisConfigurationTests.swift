import Testing

@testable import JunctionRedis

@Suite("RedisConfiguration(url:)")
struct RedisConfigurationTests {
    struct Parsed: Sendable, CustomTestStringConvertible {
        var url: String
        var host: String
        var port: Int = 6379
        var username: String? = nil
        var password: String? = nil
        var database: Int = 0
        var tls: Bool = false
        var testDescription: String { url }
    }

    static let valid: [Parsed] = [
        Parsed(url: "redis://localhost", host: "localhost"),
        Parsed(url: "redis://localhost/", host: "localhost"),
        Parsed(url: "redis://127.0.0.1:6380", host: "127.0.0.1", port: 6380),
        Parsed(url: "redis://cache.internal:1/15", host: "cache.internal", port: 1, database: 15),
        Parsed(url: "redis://host/0", host: "host"),
        Parsed(url: "rediss://secure.example.com", host: "secure.example.com", tls: true),
        Parsed(url: "rediss://secure.example.com:6380/2", host: "secure.example.com", port: 6380, database: 2, tls: true),
        Parsed(url: "REDIS://Host:65535", host: "Host", port: 65535),
        Parsed(url: "redis://:secret@host", host: "host", password: "secret"),
        Parsed(url: "redis://alice:secret@host:7000/3", host: "host", port: 7000, username: "alice", password: "secret", database: 3),
        Parsed(url: "redis://alice@host", host: "host", username: "alice"),
        Parsed(url: "redis://alice:@host", host: "host", username: "alice"),
        Parsed(url: "redis://al%40ce:p%3Ass%2Fw%25rd@host", host: "host", username: "al@ce", password: "p:ss/w%rd"),
        Parsed(url: "redis://user:p@ss@host", host: "host", username: "user", password: "p@ss"),
        Parsed(url: "redis://[::1]", host: "::1"),
        Parsed(url: "redis://[::1]:6390/4", host: "::1", port: 6390, database: 4),
        Parsed(url: "rediss://u:p@[fe80::1]:1234", host: "fe80::1", port: 1234, username: "u", password: "p", tls: true),
    ]

    @Test(arguments: valid)
    func parsesValidURL(_ expected: Parsed) throws {
        let configuration = try RedisConfiguration(url: expected.url)
        #expect(configuration.host == expected.host)
        #expect(configuration.port == expected.port)
        #expect(configuration.username == expected.username)
        #expect(configuration.password == expected.password)
        #expect(configuration.database == expected.database)
        #expect(configuration.tls == expected.tls)
    }

    @Test func defaults() throws {
        let configuration = try RedisConfiguration(url: "redis://localhost")
        #expect(configuration.connectTimeout == .seconds(2))
        #expect(configuration.commandTimeout == .seconds(2))
        #expect(configuration.poolSize == 4)
        #expect(configuration.tlsCertificateAuthorityFile == nil)
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        var url: String
        /// A part of the message that names the problem.
        var problem: String
        var testDescription: String { url }
    }

    static let invalid: [Invalid] = [
        Invalid(url: "", problem: "missing scheme"),
        Invalid(url: "localhost:6379", problem: "missing scheme"),
        Invalid(url: "http://localhost", problem: "scheme 'http' is not supported"),
        Invalid(url: "unix:///tmp/redis.sock", problem: "scheme 'unix' is not supported"),
        Invalid(url: "redis://", problem: "missing host"),
        Invalid(url: "redis://:6379", problem: "missing host"),
        Invalid(url: "redis://user:pw@/0", problem: "missing host"),
        Invalid(url: "redis://host:", problem: "port must be a number"),
        Invalid(url: "redis://host:abc", problem: "port must be a number from 1 to 65535, got 'abc'"),
        Invalid(url: "redis://host:0", problem: "got '0'"),
        Invalid(url: "redis://host:65536", problem: "got '65536'"),
        Invalid(url: "redis://host:-1", problem: "got '-1'"),
        Invalid(url: "redis://host:+80", problem: "got '+80'"),
        Invalid(url: "redis://host/abc", problem: "database must be a non-negative integer after the '/', got 'abc'"),
        Invalid(url: "redis://host/-1", problem: "got '-1'"),
        Invalid(url: "redis://host/1/2", problem: "got '1/2'"),
        Invalid(url: "redis://host?db=1", problem: "query parameters"),
        Invalid(url: "redis://host#x", problem: "fragments"),
        Invalid(url: "redis://[::1", problem: "missing its closing ']'"),
        Invalid(url: "redis://[::1]x", problem: "unexpected 'x'"),
        Invalid(url: "redis://ho st", problem: "invalid characters"),
        Invalid(url: "redis://u:%zz@host", problem: "password has a malformed percent escape"),
        Invalid(url: "redis://%4@host", problem: "user name has a malformed percent escape"),
        Invalid(url: "redis://u:%ff@host", problem: "password is not valid UTF-8"),
    ]

    @Test(arguments: invalid)
    func rejectsInvalidURL(_ example: Invalid) {
        #expect {
            try RedisConfiguration(url: example.url)
        } throws: { error in
            guard let error = error as? RedisError else { return false }
            return error.code == "invalid_url" && error.message.contains(example.problem) && error.serverCode == nil
        }
    }

    @Test func errorsNeverShowThePassword() {
        for url in ["redis://user:hunter2@host:99999", "redis://:hunter2@/0", "redis://u:hunter2@host/x"] {
            do {
                _ = try RedisConfiguration(url: url)
                Issue.record("\(url) parsed")
            } catch {
                #expect(!error.message.contains("hunter2"), "\(error.message)")
                #expect(error.message.contains("***"))
            }
        }
    }

    @Test func redactedURLAndEndpoint() throws {
        #expect(try RedisConfiguration(url: "redis://alice:secret@host:7000/3").redactedURL == "redis://alice:***@host:7000/3")
        #expect(try RedisConfiguration(url: "rediss://:secret@host").redactedURL == "rediss://:***@host:6379")
        #expect(try RedisConfiguration(url: "redis://[::1]:6390").endpoint == "[::1]:6390")
        #expect(try RedisConfiguration(url: "redis://localhost").endpoint == "localhost:6379")
    }
}
