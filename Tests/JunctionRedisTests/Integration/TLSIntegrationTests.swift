import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization
import Testing

@testable import JunctionRedis

/// `rediss://` against a TLS server in the test process that answers like Redis (HELLO, PING, ECHO).
///
/// The Redis 8.2 from PyPI that the integration tests use is built without TLS, so TLS is tested against this
/// stand-in. Its certificate (for `localhost`, signed by a test CA, valid for 100 years) is embedded below.
@Suite("TLS (rediss://) against a TLS server")
struct TLSIntegrationTests {
    static let caCertificate = """
        -----BEGIN CERTIFICATE-----
        MIIBnTCCAUOgAwIBAgIUNFp5GXyOGJQRZlTKmr4KLx67otswCgYIKoZIzj0EAwIw
        GzEZMBcGA1UEAwwQSnVuY3Rpb24gVGVzdCBDQTAgFw0yNjExMjEyMDI0MjBaGA8y
        MTI2MTAyODIwMjQyMFowGzEZMBcGA1UEAwwQSnVuY3Rpb24gVGVzdCBDQTBZMBMG
        ByqGSM49AgEGCCqGSM49AwEHA0IABKr5oS8mdXfs0e8g3xyJuENMW6hAmo1b6xiz
        5pRR9w5hgozCOtMw3n9wRGmDit9tZ98XzEutTQCXPbSvI51E+sajYzBhMB0GA1Ud
        DgQWBBRu9XH15SiWNmepNb1YbIOIGDTq9jAfBgNVHSMEGDAWgBRu9XH15SiWNmep
        Nb1YbIOIGDTq9jAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwIBBjAKBggq
        hkjOPQQDAgNIADBFAiBimXP9jkdx+t0/PNVfOzrsu5UPXnuO+I4gb0dpbQsc/AIh
        AP5TiPCL2kn/K0eIQhYE/uS4Jo04enjOwH38O4BMnTih
        -----END CERTIFICATE-----
        """
    static let serverCertificate = """
        -----BEGIN CERTIFICATE-----
        MIIBqjCCAVGgAwIBAgIUJPdWk6sTX4qhvFymgrm1DAZ1wCMwCgYIKoZIzj0EAwIw
        GzEZMBcGA1UEAwwQSnVuY3Rpb24gVGVzdCBDQTAgFw0yNjExMjEyMDI0MjBaGA8y
        MTI2MTAyODIwMjQyMFowFDESMBAGA1UEAwwJbG9jYWxob3N0MFkwEwYHKoZIzj0C
        AQYIKoZIzj0DAQcDQgAEXzef+gTQDGs4kmAs1xMaAXIMdBZBy7eLYVTYyndxHBsD
        yevs3xicfkEidN6QcM0y40gWgrx+h1Cmf40nWHkaYKN4MHYwFAYDVR0RBA0wC4IJ
        bG9jYWxob3N0MAkGA1UdEwQCMAAwEwYDVR0lBAwwCgYIKwYBBQUHAwEwHQYDVR0O
        BBYEFGoNtpX8cQdzjPTN9YhDLXtWoBx2MB8GA1UdIwQYMBaAFG71cfXlKJY2Z6k1
        vVhsg4gYNOr2MAoGCCqGSM49BAMCA0cAMEQCIAq6xWwXBgSLEsE6GlduDXNbgBDO
        ykCQ8PLK5uT1d8M2AiAi414uwpWSqRGyuw/uvB5uhJEbrKAYIRxKMhkTpibBLg==
        -----END CERTIFICATE-----
        """
    static let serverKey = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg8vHhgp7DH1DRKHbW
        z/wfMoGYK35jab/qHpptRtuelemhRANCAARfN5/6BNAMaziSYCzXExoBcgx0FkHL
        t4thVNjKd3EcGwPJ6+zfGJx+QSJ03pBwzTLjSBaCvH6HUKZ/jSdYeRpg
        -----END PRIVATE KEY-----
        """

    /// A TLS listener on loopback; records the SNI names clients sent.
    struct Server {
        let channel: any Channel
        let recorder: SNIRecorder
        var port: Int { channel.localAddress!.port! }
        var serverNames: [String?] { recorder.names.withLock { $0 } }
    }

    /// Answers HELLO with a RESP3 map, PING with PONG, ECHO with its argument, anything else with an error.
    final class FakeRedisHandler: ChannelInboundHandler {
        typealias InboundIn = RESPValue
        typealias OutboundOut = ByteBuffer

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let command = unwrapInboundIn(data).array ?? []
            let reply: RESPValue
            switch command.first?.string?.uppercased() {
            case "HELLO": reply = ["server": "fake", "proto": 3]
            case "PING": reply = .simpleString("PONG")
            case "ECHO" where command.count == 2: reply = command[1]
            default: reply = .simpleError("ERR unknown command")
            }
            var buffer = context.channel.allocator.buffer(capacity: 64)
            RESPEncoder().encode(reply, into: &buffer)
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        }
    }

    static func startServer() async throws -> (Server, NIOSSLContext) {
        let recorder = SNIRecorder()
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(serverCertificate.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(serverKey.utf8), format: .pem)))
        configuration.sslContextCallback = { values, promise in
            recorder.record(values.serverHostname)
            promise.succeed(NIOSSLContextConfigurationOverride())
        }
        let context = try NIOSSLContext(configuration: configuration)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(RESPDecoder()))
                    try channel.pipeline.syncOperations.addHandler(FakeRedisHandler())
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return (Server(channel: channel, recorder: recorder), context)
    }

    final class SNIRecorder: Sendable {
        let names = Mutex<[String?]>([])
        func record(_ name: String?) { names.withLock { $0.append(name) } }
    }

    /// Writes the test CA to a temporary file (what `tlsCertificateAuthorityFile` points at).
    static func caFile() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("junction-test-ca-\(UUID().uuidString).pem").path
        try caCertificate.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func connectsVerifyingTheCertificateAgainstTheConfiguredCA() async throws {
        let (server, _) = try await Self.startServer()
        let caFile = try Self.caFile()
        defer { try? FileManager.default.removeItem(atPath: caFile) }
        var configuration = try RedisConfiguration(url: "rediss://localhost:\(server.port)")
        configuration.tlsCertificateAuthorityFile = caFile
        let redis = RedisClient(configuration: configuration)
        try await redis.connect()
        #expect(try await redis.send(["ECHO", "over TLS"]).string == "over TLS")
        // The host name went out as SNI (and was checked against the certificate).
        #expect(server.serverNames.first == "localhost")
        await redis.close()
        try await server.channel.close()
    }

    @Test func refusesACertificateFromAnUntrustedCA() async throws {
        let (server, _) = try await Self.startServer()
        // Default trust roots: the test CA is not among them.
        let redis = RedisClient(configuration: try RedisConfiguration(url: "rediss://localhost:\(server.port)"))
        let result = await outcome { try await redis.connect() }
        let error = try #require(result.failure)
        #expect(error.code == "connection_refused", "\(error)")
        #expect(error.message.contains("TLS"), "\(error.message)")
        await redis.close()
        try await server.channel.close()
    }

    @Test func refusesACertificateForAnotherHost() async throws {
        let (server, _) = try await Self.startServer()
        let caFile = try Self.caFile()
        defer { try? FileManager.default.removeItem(atPath: caFile) }
        // The certificate names localhost only; 127.0.0.1 does not match it.
        var configuration = try RedisConfiguration(url: "rediss://127.0.0.1:\(server.port)")
        configuration.tlsCertificateAuthorityFile = caFile
        let redis = RedisClient(configuration: configuration)
        let result = await outcome { try await redis.connect() }
        #expect(result.failure?.code == "connection_refused", "\(String(describing: result.failure))")
        await redis.close()
        try await server.channel.close()
    }

    @Test func missingCAFileIsReportedAtConnect() async throws {
        var configuration = try RedisConfiguration(url: "rediss://localhost:1")
        configuration.tlsCertificateAuthorityFile = "/nonexistent/ca.pem"
        let redis = RedisClient(configuration: configuration)
        let result = await outcome { try await redis.connect() }
        let error = try #require(result.failure)
        #expect(error.message.contains("TLS"), "\(error.message)")
        await redis.close()
    }
}
