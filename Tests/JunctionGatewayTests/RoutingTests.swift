import HTTPTypes
import Foundation
import HummingbirdTesting
import JunctionFakeUpstream
import JunctionGateway
import NIOCore
import Testing

@Suite struct RoutingTests {
    private func harness(_ upstream: FakeUpstream, webhook: String? = nil, change: (inout GatewayConfiguration) -> Void = { _ in }) async throws -> Harness {
        var settings = configuration(upstream: upstream)
        change(&settings)
        let definition = TestScene.definition(webhook: webhook ?? upstream.baseURL + "/chat/completions")
        settings.router = .definition(definition)
        return try await Harness.make(settings, router: definition)
    }

    @Test func autoForwardsToTheRoutesModel() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await harness(upstream)
            let (maths, plain, nothing) = try await harness.test { client in
                (
                    try await client.chat(chatBody(model: "auto", user: "near maths")),
                    try await client.chat(chatBody(model: "auto", user: "near plain")),
                    try await client.chat(chatBody(model: "auto", user: "nothing like it"))
                )
            }
            #expect(maths.status == .ok && maths.content == "Echo: near maths")
            #expect(maths.header("x-junction-route") == "maths")
            #expect(maths.header("x-junction-route-distance") == "0.050000")
            #expect(maths.header("x-junction-model") == "gpt-4o")
            #expect(plain.header("x-junction-route") == "plain" && plain.header("x-junction-model") == "gpt-4o-mini")
            #expect(nothing.header("x-junction-route") == "none" && nothing.header("x-junction-route-distance") == "none")
            #expect(nothing.header("x-junction-model") == "gpt-4o-mini")
            let models = upstream.chatRequests.map { $0.jsonObject["model"] as? String }
            #expect(models == ["gpt-4o-2024-08-06", "gpt-4o-mini", "gpt-4o-mini"])
            let text = harness.metricsText
            #expect(text.contains(#"junction_routing_decisions_total{route="maths"} 1"#))
            #expect(text.contains(#"junction_routing_decisions_total{route="none"} 1"#))
        }
    }

    @Test func blockAndRespondAnswerWithoutTheUpstream() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await harness(upstream)
            let (blocked, greeted, streamed) = try await harness.test { client in
                (
                    try await client.chat(chatBody(model: "auto", user: "near bouncer")),
                    try await client.chat(chatBody(model: "auto", user: "near greeting")),
                    try await client.chat(chatBody(model: "auto", user: "near bouncer", stream: true))
                )
            }
            #expect(blocked.status == .ok && blocked.content == "Not here.")
            #expect(blocked.json["object"] as? String == "chat.completion")
            #expect(blocked.json["model"] as? String == "junction")
            #expect(blocked.header("x-junction-route") == "bouncer" && blocked.header("x-junction-model") == "junction")
            #expect(greeted.content == "Hello from Junction.")
            #expect(streamed.streamedContent == "Not here." && streamed.events.last == "[DONE]")
            #expect(upstream.chatRequests.isEmpty)
            #expect(harness.metricsText.contains(#"outcome="blocked""#))
            #expect(harness.metricsText.contains(#"outcome="responded""#))
        }
    }

    @Test func escalatePostsTheConversationThenReplies() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await harness(upstream)
            let response = try await harness.test { client in
                try await client.chat(chatBody(model: "auto", user: "near human"), headers: [HTTPField.Name("x-request-id")!: "esc-1"])
            }
            #expect(response.status == .ok && response.content == "A person will call you.")
            let hook = try #require(upstream.requests.last)
            #expect(hook.path == "/v1/chat/completions")
            let payload = hook.jsonObject
            #expect(payload["route"] as? String == "human")
            #expect(payload["request_id"] as? String == "esc-1")
            #expect((payload["messages"] as? [[String: Any]])?.first?["content"] as? String == "near human")
        }
    }

    @Test func failingWebhookIs502NamingTheRoute() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await harness(upstream, webhook: upstream.url + "/no-such-hook")
            let response = try await harness.test { client in try await client.chat(chatBody(model: "auto", user: "near human")) }
            expectError(response, status: 502, code: "upstream_error")
            #expect(response.error["message"] as? String == "escalation webhook of route 'human' answered 404")
        }
    }

    @Test func defaultActionAppliesWhenNoRouteMatches() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await harness(upstream) { $0.routing.defaultAction = .block(message: "Off topic.", model: nil) }
            let response = try await harness.test { client in try await client.chat(chatBody(model: "auto", user: "nothing like it")) }
            #expect(response.content == "Off topic.")
            #expect(response.header("x-junction-route") == "none")
        }
    }

    @Test func lastTurnsRouteByTheConversation() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await harness(upstream) { $0.routing.input = .lastTurns(2) }
            let body = #"{"model":"auto","messages":[{"role":"user","content":"near maths"},{"role":"assistant","content":"ok"},{"role":"user","content":"more"}]}"#
            _ = try await harness.test { client in try await client.chat(ByteBuffer(string: body)) }
            #expect(harness.embedder.embedded.contains("assistant: ok\nuser: more"))
        }
    }

    @Test func routeEndpointDecidesWithoutForwarding() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await harness(upstream)
            let (text, conversation, none, bad) = try await harness.test { client in
                (
                    try await client.execute(uri: "/v1/route", method: .post, body: ByteBuffer(string: #"{"input":"near maths"}"#)),
                    try await client.execute(
                        uri: "/v1/route", method: .post,
                        body: ByteBuffer(string: #"{"messages":[{"role":"system","content":"s"},{"role":"user","content":"near bouncer"}]}"#)
                    ),
                    try await client.execute(uri: "/v1/route", method: .post, body: ByteBuffer(string: #"{"input":"nothing like it"}"#)),
                    try await client.execute(uri: "/v1/route", method: .post, body: ByteBuffer(string: #"{}"#))
                )
            }
            #expect(text.json["route"] as? String == "maths")
            #expect(abs((text.json["distance"] as? Double ?? 0) - 0.05) < 1e-5)
            #expect(text.json["model"] as? String == "gpt-4o" && text.json["action"] as? String == "forward")
            #expect((text.json["routes"] as? [[String: Any]])?.map { $0["name"] as? String } == ["maths"])
            #expect(conversation.json["route"] as? String == "bouncer" && conversation.json["action"] as? String == "block")
            #expect(none.json["route"] is NSNull && none.json["distance"] is NSNull)
            #expect(none.json["model"] as? String == "gpt-4o-mini")
            expectError(bad, status: 400, code: "invalid_request")
            #expect(upstream.chatRequests.isEmpty)
        }
    }
}
