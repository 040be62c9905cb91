import Foundation
import HTTPTypes
import HummingbirdTesting
import JunctionFakeUpstream
import JunctionGateway
import JunctionLimits
import NIOCore
import Testing

/// API keys in the request path: required or optional, config keys and their tenants, disabled and
/// expired keys, and the models a key may use.
@Suite struct AccessTests {
    static let key = "sk-config-acme"

    static func settings(_ upstream: FakeUpstream, required: Bool = true, change: (inout AccessSettings.ConfiguredKey) -> Void = { _ in }) -> GatewayConfiguration {
        var settings = configuration(upstream: upstream)
        var configured = AccessSettings.ConfiguredKey(hash: APIKey.hash(key), name: "acme", tenant: "acme", models: ["gpt-4o-mini"])
        change(&configured)
        settings.access.required = required
        settings.access.keys = [configured]
        return settings
    }

    static func bearer(_ key: String) -> HTTPFields { [.authorization: "Bearer \(key)"] }

    @Test func requiredKeysRefuseMissingAndUnknownKeysWith401() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await Harness.make(Self.settings(upstream), router: nil)
            try await harness.test { client in
                expectError(try await client.chat(chatBody()), status: 401, code: "missing_api_key")
                let unknown = try await client.chat(chatBody(), headers: Self.bearer("sk-jn-notakey0000"))
                expectError(unknown, status: 401, code: "invalid_api_key")
                #expect(!(unknown.error["message"] as? String ?? "").contains("sk-jn-notakey0000"), "the message never repeats the whole key")
                expectError(try await client.execute(uri: "/v1/models", method: .get), status: 401, code: "missing_api_key")
                expectError(try await client.execute(uri: "/v1/embeddings", method: .post, body: ByteBuffer(string: #"{"input":"hi"}"#)), status: 401, code: "missing_api_key")
                let ok = try await client.chat(chatBody(), headers: Self.bearer(Self.key))
                #expect(ok.status == .ok)
            }
            #expect(upstream.chatRequests.count == 1, "refused requests never reach the upstream")
            #expect(harness.metricsText.contains(#"junction_auth_failures_total{reason="missing"} 3"#))
        }
    }

    @Test func disabledAndExpiredKeysAreRefused() async throws {
        try await FakeUpstream.withRunning { upstream in
            for change in [{ (key: inout AccessSettings.ConfiguredKey) in key.enabled = false }, { $0.expiresAt = Date(timeIntervalSinceNow: -60) }] {
                let harness = try await Harness.make(Self.settings(upstream, change: change), router: nil)
                let response = try await harness.test { client in try await client.chat(chatBody(), headers: Self.bearer(Self.key)) }
                expectError(response, status: 401, code: "invalid_api_key")
                #expect((response.error["message"] as? String ?? "").contains("disabled") || (response.error["message"] as? String ?? "").contains("expired"))
            }
        }
    }

    @Test func aKeyUsesOnlyItsModels() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await Harness.make(Self.settings(upstream), router: nil)
            let response = try await harness.test { client in
                try await client.chat(chatBody(model: "gpt-4o"), headers: Self.bearer(Self.key))
            }
            expectError(response, status: 403, code: "model_not_allowed", param: "model", type: "permission_error")
            #expect(upstream.chatRequests.isEmpty)
        }
    }

    @Test func optionalKeysServeUnknownKeysAsBefore() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await Harness.make(Self.settings(upstream, required: false), router: nil)
            try await harness.test { client in
                #expect(try await client.chat(chatBody()).status == .ok)
                #expect(try await client.chat(chatBody(), headers: Self.bearer("sk-someone-else")).status == .ok)
                // A known key is still checked.
                expectError(try await client.chat(chatBody(model: "gpt-4o"), headers: Self.bearer(Self.key)), status: 403, code: "model_not_allowed", param: "model", type: "permission_error")
            }
        }
    }
}
