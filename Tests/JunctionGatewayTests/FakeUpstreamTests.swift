import AsyncHTTPClient
import Foundation
import JunctionFakeUpstream
import NIOCore
import NIOHTTP1
import Testing

/// The fake upstream over a real socket, with a real HTTP client: what the gateway and its tests rely on.
@Suite struct FakeUpstreamTests {
    private let chatBody: [String: Any] = [
        "model": "gpt-4o-mini",
        "messages": [
            ["role": "system", "content": "You are terse."],
            ["role": "user", "content": "first question"],
            ["role": "assistant", "content": "an answer"],
            ["role": "user", "content": "What is  the capital\nof France?"],
        ],
    ]

    @Test func answersChatWithAnEchoInOpenAIShape() async throws {
        try await FakeUpstream.withRunning { upstream in
            let (status, _, body) = try await send(upstream, "POST", "/v1/chat/completions", json: chatBody)
            #expect(status == 200)
            let object = try #require(try json(body))
            #expect(object["object"] as? String == "chat.completion")
            #expect(object["model"] as? String == "gpt-4o-mini")
            let choice = try #require((object["choices"] as? [[String: Any]])?.first)
            let message = try #require(choice["message"] as? [String: Any])
            #expect(message["role"] as? String == "assistant")
            #expect(message["content"] as? String == "Echo: What is  the capital\nof France?")
            #expect(choice["finish_reason"] as? String == "stop")
            let usage = try #require(object["usage"] as? [String: Any])
            // Words: 3 + 2 + 2 + 6 in the messages, 7 in the answer.
            #expect(usage["prompt_tokens"] as? Int == 13)
            #expect(usage["completion_tokens"] as? Int == 7)
            #expect(usage["total_tokens"] as? Int == 20)
        }
    }

    @Test func streamsWellFormedSSEEndingInDoneWithAUsageChunk() async throws {
        try await FakeUpstream.withRunning { upstream in
            var request = chatBody
            request["stream"] = true
            request["stream_options"] = ["include_usage": true]
            let (status, headers, body) = try await send(upstream, "POST", "/chat/completions", json: request)
            #expect(status == 200)
            #expect(headers["content-type"].first == "text/event-stream")
            let text = String(decoding: body, as: UTF8.self)
            #expect(text.hasSuffix("\n\n"))
            let events = text.components(separatedBy: "\n\n").dropLast()
            #expect(events.allSatisfy { $0.hasPrefix("data: ") && !$0.dropFirst(6).contains("\n") })
            #expect(events.last == "data: [DONE]")
            let chunks = try events.dropLast().map { try #require(try json(Data($0.dropFirst(6).utf8))) }
            #expect(chunks.allSatisfy { $0["object"] as? String == "chat.completion.chunk" })
            let choices = chunks.compactMap { ($0["choices"] as? [[String: Any]])?.first }
            let deltas = choices.compactMap { $0["delta"] as? [String: Any] }
            #expect(deltas.first?["role"] as? String == "assistant")
            #expect(deltas.compactMap { $0["content"] as? String }.joined() == "Echo: What is  the capital\nof France?")
            #expect(deltas.count > 3, "the answer arrives in several chunks")
            #expect(choices.compactMap { $0["finish_reason"] as? String } == ["stop"])
            let usageChunk = try #require(chunks.last)
            #expect((usageChunk["choices"] as? [Any])?.isEmpty == true)
            #expect((usageChunk["usage"] as? [String: Any])?["completion_tokens"] as? Int == 7)
        }
    }

    @Test func streamsWithoutAUsageChunkUnlessAskedFor() async throws {
        try await FakeUpstream.withRunning { upstream in
            var request = chatBody
            request["stream"] = true
            let (_, _, body) = try await send(upstream, "POST", "/v1/chat/completions", json: request)
            let text = String(decoding: body, as: UTF8.self)
            #expect(!text.contains("\"usage\""))
            #expect(text.hasSuffix("data: [DONE]\n\n"))
        }
    }

    @Test func failsTheNextRequestsOnDemandThenRecovers() async throws {
        try await FakeUpstream.withRunning { upstream in
            upstream.failNext(status: 500, count: 2)
            for _ in 0..<2 {
                let (status, _, body) = try await send(upstream, "POST", "/v1/chat/completions", json: chatBody)
                #expect(status == 500)
                let error = try #require(try json(body)?["error"] as? [String: Any])
                #expect(error["type"] as? String == "api_error")
                #expect(error["code"] as? String == "fake_failure")
            }
            let (status, _, _) = try await send(upstream, "POST", "/v1/chat/completions", json: chatBody)
            #expect(status == 200)
        }
    }

    @Test func takesControlOverHTTP() async throws {
        try await FakeUpstream.withRunning { upstream in
            let control: [String: Any] = [
                "fail_next": ["status": 429, "body": #"{"error": {"message": "slow down"}}"#],
                "finish_reason": "length", "reply": "fixed answer",
            ]
            let (controlStatus, _, _) = try await send(upstream, "POST", "/_control", json: control)
            #expect(controlStatus == 200)
            let (failed, _, failedBody) = try await send(upstream, "POST", "/v1/chat/completions", json: chatBody)
            #expect(failed == 429)
            #expect(String(decoding: failedBody, as: UTF8.self) == #"{"error": {"message": "slow down"}}"#)
            let (_, _, body) = try await send(upstream, "POST", "/v1/chat/completions", json: chatBody)
            let choice = try #require((try json(body)?["choices"] as? [[String: Any]])?.first)
            #expect((choice["message"] as? [String: Any])?["content"] as? String == "fixed answer")
            #expect(choice["finish_reason"] as? String == "length")

            let (badStatus, _, badBody) = try await send(upstream, "POST", "/_control", json: ["delay_msec": 5])
            #expect(badStatus == 400)
            #expect(String(decoding: badBody, as: UTF8.self).contains("unknown control key 'delay_msec'"))
            let (_, _, reset) = try await send(upstream, "POST", "/_control", json: ["reset": true])
            #expect(try json(reset)?["reply"] is NSNull)
            #expect(upstream.control == FakeUpstreamControl())
        }
    }

    @Test func answersWithAToolCall() async throws {
        try await FakeUpstream.withRunning { upstream in
            upstream.update { $0.toolCall = true }
            var request = chatBody
            request["tools"] = [["type": "function", "function": ["name": "get_capital", "parameters": [:] as [String: Any]]]]
            let (_, _, body) = try await send(upstream, "POST", "/v1/chat/completions", json: request)
            let choice = try #require((try json(body)?["choices"] as? [[String: Any]])?.first)
            #expect(choice["finish_reason"] as? String == "tool_calls")
            let message = try #require(choice["message"] as? [String: Any])
            #expect(message["content"] is NSNull)
            let call = try #require((message["tool_calls"] as? [[String: Any]])?.first)
            let function = try #require(call["function"] as? [String: Any])
            #expect(function["name"] as? String == "get_capital")
            let arguments = try #require(try json(Data((function["arguments"] as? String ?? "").utf8)))
            #expect(arguments["query"] as? String == "What is  the capital\nof France?")
        }
    }

    @Test func delaysItsAnswer() async throws {
        try await FakeUpstream.withRunning { upstream in
            upstream.update { $0.delayMilliseconds = 2_000 }
            // The client gives up long before the answer comes; without the delay the same request answers.
            await #expect(throws: (any Error).self) {
                _ = try await send(upstream, "POST", "/v1/chat/completions", json: chatBody, timeout: .milliseconds(300))
            }
            upstream.update { $0.delayMilliseconds = 0 }
            let (status, _, _) = try await send(upstream, "POST", "/v1/chat/completions", json: chatBody)
            #expect(status == 200)
        }
    }

    @Test func dropsAStreamAfterSomeChunks() async throws {
        try await FakeUpstream.withRunning { upstream in
            upstream.update { $0.dropStreamAfterChunks = 2 }
            var request = chatBody
            request["stream"] = true
            var received = ""
            var failed = false
            var http = HTTPClientRequest(url: upstream.baseURL + "/chat/completions")
            http.method = .POST
            http.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: request)))
            do {
                let response = try await HTTPClient.shared.execute(http, timeout: .seconds(30))
                for try await part in response.body { received += String(buffer: part) }
            } catch {
                failed = true
            }
            #expect(failed, "the client sees the connection end mid-response")
            #expect(received.components(separatedBy: "\n\n").dropLast().count <= 2)
            #expect(!received.contains("[DONE]"))
        }
    }

    @Test func recordsEveryRequestButItsControlPlane() async throws {
        try await FakeUpstream.withRunning { upstream in
            _ = try await send(upstream, "POST", "/v1/chat/completions", json: chatBody,
                               headers: ["Authorization": "Bearer sk-test", "X-Trace": "abc"])
            let (embeddings, _, embeddingsBody) = try await send(upstream, "POST", "/v1/embeddings", json: ["input": "x"])
            #expect(embeddings == 400, "an embeddings request without a model")
            #expect((try json(embeddingsBody)?["error"] as? [String: Any])?["type"] as? String == "invalid_request_error")
            let (models, _, modelsBody) = try await send(upstream, "GET", "/v1/models")
            #expect(models == 200)
            let ids = (try json(modelsBody)?["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(ids == FakeUpstream.defaultModels)

            let recorded = upstream.requests
            #expect(recorded.map(\.path) == ["/v1/chat/completions", "/v1/embeddings", "/v1/models"])
            #expect(recorded.map(\.method) == ["POST", "POST", "GET"])
            #expect(recorded[0].headers["authorization"] == "Bearer sk-test")
            #expect(recorded[0].headers["x-trace"] == "abc")
            #expect(recorded[0].json?["model"] as? String == "gpt-4o-mini")
            #expect(upstream.chatRequests.count == 1)

            let (_, _, listed) = try await send(upstream, "GET", "/_requests")
            let requests = try #require(try json(listed)?["requests"] as? [[String: Any]])
            #expect(requests.compactMap { $0["path"] as? String } == recorded.map(\.path))
            let (_, _, cleared) = try await send(upstream, "DELETE", "/_requests")
            #expect(try json(cleared)?["cleared"] as? Int == 3)
            #expect(upstream.requests.isEmpty)
        }
    }

    @Test func rejectsARequestWithoutMessages() async throws {
        try await FakeUpstream.withRunning { upstream in
            let (status, _, body) = try await send(upstream, "POST", "/v1/chat/completions", json: ["model": "gpt-4o"])
            #expect(status == 400)
            #expect((try json(body)?["error"] as? [String: Any])?["param"] as? String == "messages")
        }
    }

    // MARK: - HTTP

    private func send(
        _ upstream: FakeUpstream, _ method: String, _ path: String, json object: Any? = nil,
        headers: [String: String] = [:], timeout: TimeAmount = .seconds(30)
    ) async throws -> (Int, HTTPHeaders, Data) {
        var request = HTTPClientRequest(url: upstream.url + path)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let object {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let body = try await response.body.collect(upTo: 1 << 24)
        return (Int(response.status.code), response.headers, Data(buffer: body))
    }

    private func json(_ data: Data) throws -> [String: Any]? {
        try JSONSerialization.jsonObject(with: data) as? [String: Any]
    }
}
