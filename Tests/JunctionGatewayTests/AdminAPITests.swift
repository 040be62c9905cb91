import Foundation
import HTTPTypes
import HummingbirdTesting
import JunctionFakeUpstream
import JunctionGateway
import NIOCore
import Testing

/// The admin API on the embedded store: off without an admin key, closed to tenant keys, keys shown once
/// and usable at once, changes and deletions, routes and references changed while serving.
@Suite struct AdminAPITests {
    static func post(_ client: any TestClientProtocol, _ uri: String, _ json: String, headers: HTTPFields = adminHeaders) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: json))
    }

    @Test func theAdminAPIIsOffWithoutAnAdminKeyAndClosedToOtherKeys() async throws {
        var off = configuration(upstream: nil)
        off.access.adminKey = nil
        let offHarness = try await Harness.make(off)
        let response = try await offHarness.test { client in try await client.execute(uri: "/v1/admin/keys", method: .get, headers: adminHeaders) }
        expectError(response, status: 404, code: "admin_disabled")

        var settings = configuration(upstream: nil)
        settings.tenantKeys = ["sk-tenant": "acme"]
        let harness = try await Harness.make(settings)
        try await harness.test { client in
            expectError(try await client.execute(uri: "/v1/admin/keys", method: .get), status: 401, code: "invalid_admin_key")
            expectError(try await client.execute(uri: "/v1/admin/keys", method: .get, headers: [.authorization: "Bearer sk-tenant"]), status: 401, code: "invalid_admin_key")
            expectError(try await client.execute(uri: "/v1/admin/cache/stats", method: .get, headers: [.authorization: "Bearer sk-admin-tesT"]), status: 401, code: "invalid_admin_key")
            #expect(try await client.execute(uri: "/v1/admin/keys", method: .get, headers: adminHeaders).status == .ok)
        }
    }

    @Test func aCreatedKeyIsShownOnceAndWorksUntilDisabled() async throws {
        try await FakeUpstream.withRunning { upstream in
            var settings = configuration(upstream: upstream)
            settings.access.required = true
            let harness = try await Harness.make(settings, router: nil)
            try await harness.test { client in
                let created = try await Self.post(client, "/v1/admin/keys", #"{"tenant":"acme","name":"ci","requests_per_minute":5,"budget":{"tokens":1000,"period":"day","time_zone":"Europe/Paris"}}"#)
                #expect(created.status == .created)
                let key = try #require(created.json["key"] as? String)
                let id = try #require(created.json["id"] as? String)
                #expect(key.hasPrefix("sk-jn-"))
                let bearer: HTTPFields = [.authorization: "Bearer \(key)"]
                let chat = try await client.chat(chatBody(), headers: bearer)
                #expect(chat.status == .ok)
                #expect(chat.header("x-ratelimit-limit-requests") == "5")

                let list = try await client.execute(uri: "/v1/admin/keys", method: .get, headers: adminHeaders)
                #expect(!list.text.contains(key), "the key is never shown again")
                #expect(list.text.contains(id))
                let shown = try await client.execute(uri: "/v1/admin/keys/\(id)", method: .get, headers: adminHeaders)
                let usage = try #require(shown.json["usage"] as? [String: Any])
                #expect(usage["requests_last_minute"] as? Int == 1)
                #expect(usage["budget_spent"] as? Int == 7)
                #expect(usage["budget_remaining"] as? Int == 993)
                #expect(shown.json["tenant"] as? String == "acme")

                let patched = try await client.execute(
                    uri: "/v1/admin/keys/\(id)", method: .patch, headers: adminHeaders, body: ByteBuffer(string: #"{"enabled":false,"budget":null}"#)
                )
                #expect(patched.json["enabled"] as? Bool == false)
                #expect(patched.json["budget"] is NSNull)
                expectError(try await client.chat(chatBody(), headers: bearer), status: 401, code: "invalid_api_key")

                let deleted = try await client.execute(uri: "/v1/admin/keys/\(id)", method: .delete, headers: adminHeaders)
                #expect(deleted.json["deleted"] as? Bool == true)
                expectError(try await client.execute(uri: "/v1/admin/keys/\(id)", method: .get, headers: adminHeaders), status: 404, code: "key_not_found")
            }
        }
    }

    @Test func badKeySettingsAreRefusedNamingTheField() async throws {
        let harness = try await Harness.make(configuration(upstream: nil))
        try await harness.test { client in
            expectError(try await Self.post(client, "/v1/admin/keys", #"{"name":"x"}"#), status: 400, code: "invalid_request", param: "tenant")
            expectError(try await Self.post(client, "/v1/admin/keys", #"{"tenant":"a","requests_per_minute":0}"#), status: 400, code: "invalid_request", param: "requests_per_minute")
            expectError(try await Self.post(client, "/v1/admin/keys", #"{"tenant":"a","budget":{"tokens":10,"period":"weekly"}}"#), status: 400, code: "invalid_request", param: "budget")
            expectError(try await Self.post(client, "/v1/admin/keys", #"{"tenant":"a","color":"red"}"#), status: 400, code: "invalid_request", param: "color")
            expectError(try await Self.post(client, "/v1/admin/keys", "not json"), status: 400, code: "invalid_json")
        }
    }

    @Test func routesAndReferencesChangeWhileServing() async throws {
        try await FakeUpstream.withRunning { upstream in
            var settings = configuration(upstream: upstream)
            settings.router = .definition(TestScene.definition())
            let embedder = TestEmbedder(table: TestScene.table.merging([
                "football scores": TestEmbedder.axis(6), "near sports": TestEmbedder.axis(6, distance: 0.05),
            ]) { $1 })
            let harness = try await Harness.make(settings, embedder: embedder)
            try await harness.test { client in
                #expect(try await client.chat(chatBody(model: "auto", user: "near sports")).header("x-junction-route") == "none")
                let added = try await Self.post(client, "/v1/admin/routes", #"{"name":"sports","references":["football scores"],"metadata":{"model":"gpt-4o"},"distance_threshold":0.3}"#)
                #expect(added.status == .created)
                let routed = try await client.chat(chatBody(model: "auto", user: "near sports"))
                #expect(routed.header("x-junction-route") == "sports")
                #expect(routed.header("x-junction-model") == "gpt-4o", "the new route's metadata picks the model")

                let stricter = try await client.execute(
                    uri: "/v1/admin/routes/sports", method: .patch, headers: adminHeaders, body: ByteBuffer(string: #"{"distance_threshold":0.01}"#)
                )
                #expect(stricter.status == .ok)
                #expect(try await client.chat(chatBody(model: "auto", user: "near sports")).header("x-junction-route") == "none")

                let removed = try await client.execute(uri: "/v1/admin/routes/sports", method: .delete, headers: adminHeaders)
                #expect(removed.json["deleted"] as? Bool == true)
                expectError(try await client.execute(uri: "/v1/admin/routes/sports", method: .delete, headers: adminHeaders), status: 404, code: "route_not_found")

                let references = try await Self.post(client, "/v1/admin/routes/plain/references", #"{"references":["football scores"]}"#)
                #expect((references.json["added"] as? [String])?.count == 1)
                #expect(try await client.chat(chatBody(model: "auto", user: "near sports")).header("x-junction-route") == "plain")
                let router = try await client.execute(uri: "/v1/admin/routes", method: .get, headers: adminHeaders)
                let plain = (router.json["routes"] as? [[String: Any]])?.first { $0["name"] as? String == "plain" }
                #expect(plain?["references"] as? [String] == ["weather today", "football scores"])
                let deleted = try await client.execute(
                    uri: "/v1/admin/routes/plain/references", method: .delete, headers: adminHeaders, body: ByteBuffer(string: #"{"references":["football scores"]}"#)
                )
                #expect(deleted.json["deleted"] as? Int == 1)
                #expect(try await client.chat(chatBody(model: "auto", user: "near sports")).header("x-junction-route") == "none")
                expectError(
                    try await Self.post(client, "/v1/admin/routes", #"{"name":"bad","references":["x"],"metadata":{"action":"explode"}}"#),
                    status: 400, code: "invalid_request", param: "metadata"
                )
            }
        }
    }

    @Test func aReloadAppliesRoutesAndUpstreamsAndRefusesRestartSettings() async throws {
        try await FakeUpstream.withRunning { upstream in
            var settings = configuration(upstream: upstream)
            settings.router = .definition(TestScene.definition())
            let harness = try await Harness.make(settings)
            var next = settings
            var definition = TestScene.definition()
            definition.routes.removeAll { $0.name == "maths" }
            next.router = .definition(definition)
            next.routing.defaultAction = .forward(model: "gpt-4o-mini")
            try await harness.gateway.reload(to: next)
            let response = try await harness.test { client in try await client.chat(chatBody(model: "auto", user: "near maths")) }
            #expect(response.header("x-junction-route") == "none")
            #expect(response.header("x-junction-model") == "gpt-4o-mini")

            var moved = next
            moved.server.port = 9
            await #expect(throws: GatewayError.self) { try await harness.gateway.reload(to: moved) }
            #expect(harness.gateway.configuration.server.port == settings.server.port, "the running configuration stays")
            #expect(harness.metricsText.contains(#"junction_config_changes_total{kind="reload_refused"} 1"#))
        }
    }
}
