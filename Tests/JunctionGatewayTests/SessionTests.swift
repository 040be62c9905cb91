import Foundation
import HTTPTypes
import HummingbirdTesting
import JunctionFakeUpstream
import JunctionGateway
import JunctionRouter
import NIOCore
import Testing

/// Sessions in the request path (in process): turns recorded with their answers, history put in front
/// in append mode, tenant isolation, and routing that stays on a conversation's route.
@Suite struct SessionTests {
    static func headers(_ session: String, key: String = "sk-a") -> HTTPFields {
        [HTTPField.Name("x-junction-session")!: session, .authorization: "Bearer \(key)"]
    }

    static func settings(_ upstream: FakeUpstream, mode: SessionSettings.Mode, routing: ConversationRouting = ConversationRouting()) -> GatewayConfiguration {
        var settings = configuration(upstream: upstream)
        settings.tenantKeys = ["sk-a": "team-a", "sk-b": "team-b"]
        settings.session.mode = mode
        settings.session.routing = routing
        return settings
    }

    @Test func recordModeKeepsEachTurnAndItsAnswerForItsTenantOnly() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await Harness.make(Self.settings(upstream, mode: .record), router: nil)
            try await harness.test { client in
                let first = try await client.chat(chatBody(user: "What is Swift?"), headers: Self.headers("conv-1"))
                #expect(first.header("x-junction-session") == "conv-1")
                let two = ByteBuffer(string: #"{"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"What is Swift?"},{"role":"assistant","content":"Echo: What is Swift?"},{"role":"user","content":"And Kotlin?"}]}"#)
                _ = try await client.chat(two, headers: Self.headers("conv-1"))
                let stored = try await client.execute(uri: "/v1/sessions/conv-1", method: .get, headers: Self.headers("conv-1"))
                let messages = try #require(stored.json["messages"] as? [[String: Any]])
                #expect(messages.map { $0["role"] as? String } == ["user", "assistant", "user", "assistant"])
                #expect(messages.map { $0["content"] as? String } == ["What is Swift?", "Echo: What is Swift?", "And Kotlin?", "Echo: And Kotlin?"])
                expectError(try await client.execute(uri: "/v1/sessions/conv-1", method: .get, headers: Self.headers("conv-1", key: "sk-b")), status: 404, code: "session_not_found")
                expectError(try await client.chat(chatBody(), headers: Self.headers("conv-1", key: "sk-b")), status: 404, code: "session_not_found")
                let deleted = try await client.execute(uri: "/v1/sessions/conv-1", method: .delete, headers: Self.headers("conv-1"))
                #expect(deleted.json["messages"] as? Int == 4)
                expectError(try await client.execute(uri: "/v1/sessions/conv-1", method: .get, headers: Self.headers("conv-1")), status: 404, code: "session_not_found")
                expectError(try await client.chat(chatBody(), headers: Self.headers("has space")), status: 400, code: "invalid_session")
            }
        }
    }

    @Test func appendModePutsTheHistoryBeforeTheNewMessage() async throws {
        try await FakeUpstream.withRunning { upstream in
            let harness = try await Harness.make(Self.settings(upstream, mode: .append), router: nil)
            let streamed = try await harness.test { client in
                _ = try await client.chat(chatBody(user: "My name is Ada."), headers: Self.headers("conv-2"))
                let system = ByteBuffer(string: #"{"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"What is my name?"}],"stream":true}"#)
                return try await client.chat(system, headers: Self.headers("conv-2"))
            }
            #expect(streamed.streamedContent == "Echo: What is my name?")
            let sent = try #require(upstream.chatRequests.last?.json?["messages"] as? [[String: Any]])
            #expect(sent.map { $0["role"] as? String } == ["system", "user", "assistant", "user"])
            #expect(sent.map { $0["content"] as? String } == ["Be brief.", "My name is Ada.", "Echo: My name is Ada.", "What is my name?"])
        }
    }

    @Test func aStickySessionStaysOnItsRouteWhenATurnMatchesNothing() async throws {
        try await FakeUpstream.withRunning { upstream in
            let routing = ConversationRouting(input: .weighted(turns: 3, decay: 0.7), stickinessMargin: 0.05)
            var settings = Self.settings(upstream, mode: .append, routing: routing)
            settings.router = .definition(TestScene.definition())
            let harness = try await Harness.make(settings)
            let (first, second, plain) = try await harness.test { client in
                (
                    try await client.chat(chatBody(model: "auto", user: "near maths"), headers: Self.headers("conv-3")),
                    try await client.chat(chatBody(model: "auto", user: "nothing like it"), headers: Self.headers("conv-3")),
                    try await client.chat(chatBody(model: "auto", user: "nothing like it"))
                )
            }
            #expect(first.header("x-junction-route") == "maths" && first.header("x-junction-route-sticky") == "false")
            #expect(second.header("x-junction-route") == "maths", "the conversation stays on maths")
            #expect(second.header("x-junction-route-sticky") == "true")
            #expect(second.header("x-junction-model") == "gpt-4o")
            #expect(plain.header("x-junction-route") == "none", "without a session the same text matches nothing")
        }
    }
}
