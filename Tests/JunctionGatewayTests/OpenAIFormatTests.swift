import Foundation
import Testing
@testable import JunctionGateway

@Suite struct OpenAIFormatTests {
    @Test func modelRewriteKeepsEveryOtherByte() throws {
        let body = #"{ "messages" : [{"role":"user","content":"say \"model\": {x}"}], "model":"gpt-4o" ,"n":1.50,"x":{"model":"inner"}}"#
        let rewritten = try #require(ModelRewriter.rewrite(Array(body.utf8), model: "gpt-4o-2024-08-06"))
        #expect(String(decoding: rewritten, as: UTF8.self)
            == #"{ "messages" : [{"role":"user","content":"say \"model\": {x}"}], "model":"gpt-4o-2024-08-06" ,"n":1.50,"x":{"model":"inner"}}"#)
        #expect(ModelRewriter.rewrite(Array(#"{"messages":[]}"#.utf8), model: "m") == nil)
        let quoted = try #require(ModelRewriter.rewrite(Array(#"{"model":"a"}"#.utf8), model: "b\"c"))
        #expect(String(decoding: quoted, as: UTF8.self) == #"{"model":"b\"c"}"#)
    }

    @Test func sseParserHandlesAnySplit() {
        let stream = "data: {\"a\":1}\n\n: comment\n\nevent: x\ndata: line1\ndata: line2\r\n\r\ndata:[DONE]\n\n"
        var whole = SSEParser()
        let expected = whole.feed(Array(stream.utf8))
        #expect(expected == ["{\"a\":1}", "line1\nline2", "[DONE]"])
        var byteByByte = SSEParser()
        var events: [String] = []
        for byte in stream.utf8 { events += byteByByte.feed([byte]) }
        #expect(events == expected)
    }

    @Test func assemblerCollectsTextReasonsUsageAndDone() {
        let chunks = [
            #"{"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"#,
            #"{"choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}"#,
            #"{"choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":null}]}"#,
            #"{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#,
            #"{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}"#,
        ]
        let stream = chunks.map { "data: \($0)\n\n" }.joined()
        var assembler = StreamAssembler()
        assembler.feed(Array(stream.utf8))
        #expect(assembler.content == "Hello")
        #expect(assembler.choiceFinishReasons == ["stop"])
        #expect(assembler.usage == Usage(promptTokens: 3, completionTokens: 2))
        #expect(!assembler.done)
        assembler.feed(Array("data: [DONE]\n\n".utf8))
        #expect(assembler.done)

        var tools = StreamAssembler()
        tools.feed(Array((#"data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0}]},"finish_reason":"tool_calls"}]}"# + "\n\n").utf8))
        #expect(tools.hasToolCalls)
        #expect(tools.choiceFinishReasons == ["tool_calls"])
    }

    @Test func cannedAnswersAreWellFormed() throws {
        let writer = CompletionWriter(id: "chatcmpl-1", created: 7, model: "junction", content: "Line \"one\"\nTwo")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(writer.json.utf8)) as? [String: Any])
        #expect(object["object"] as? String == "chat.completion")
        let choice = try #require((object["choices"] as? [[String: Any]])?.first)
        #expect((choice["message"] as? [String: Any])?["content"] as? String == "Line \"one\"\nTwo")
        #expect(choice["finish_reason"] as? String == "stop")

        let sse = writer.sse(includeUsage: true)
        var assembler = StreamAssembler()
        assembler.feed(Array(sse.utf8))
        #expect(assembler.done && assembler.content == "Line \"one\"\nTwo" && assembler.choiceFinishReasons == ["stop"])
        #expect(assembler.usage == Usage(promptTokens: 0, completionTokens: 0))
        #expect(assembler.unreadableEvents == 0)
        #expect(sse.hasSuffix("data: [DONE]\n\n"))
        #expect(!writer.sse(includeUsage: false).contains("usage"))
    }

    @Test func chatRequestsAreCheckedFieldByField() {
        func failure(_ body: String) -> GatewayError? {
            do {
                _ = try ChatRequest.decode(Data(body.utf8))
                return nil
            } catch {
                return error
            }
        }
        #expect(failure("{nope")?.code == "invalid_json")
        #expect(failure("[1]")?.code == "invalid_request")
        #expect(failure(#"{"messages":[]}"#)?.param == "model")
        #expect(failure(#"{"model":"m"}"#)?.param == "messages")
        #expect(failure(#"{"model":"m","messages":[]}"#)?.param == "messages")
        #expect(failure(#"{"model":"m","messages":"hi"}"#)?.param == "messages")
        #expect(failure(#"{"model":"m","messages":[{"content":"x"}]}"#)?.param == "messages[0].role")
        #expect(failure(#"{"model":"m","messages":[{"role":"wizard","content":"x"}]}"#)?.param == "messages[0].role")
        #expect(failure(#"{"model":"m","messages":[{"role":"user","content":5}]}"#)?.param == "messages[0].content")
        #expect(failure(#"{"model":3,"messages":[{"role":"user","content":"x"}]}"#)?.param == "model")
        #expect(failure(#"{"model":"m","messages":[{"role":"user","content":"x"}],"temperature":"hot"}"#)?.param == "temperature")
        #expect(failure(#"{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"a"}]}],"stream":true}"#) == nil)
    }

    @Test func conversationPartsForRoutingAndScope() throws {
        let body = #"{"model":"auto","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"one"},{"role":"assistant","content":"two"},{"role":"user","content":[{"type":"text","text":"three"}]}]}"#
        let request = try ChatRequest.decode(Data(body.utf8))
        #expect(request.lastUserMessage == "three")
        #expect(request.systemPrompt == "Be brief.")
        #expect(request.earlierTurns == ["user: one", "assistant: two"])
        #expect(request.lastTurns(2) == "assistant: two\nuser: three")
    }

    @Test func distancesHaveSixDecimalsAndNeverANegativeZero() {
        #expect(DecisionHeaders.format(0.05) == "0.050000")
        #expect(DecisionHeaders.format(-1e-9) == "0.000000")
        #expect(DecisionHeaders.format(nil) == "none")
        #expect(DecisionHeaders.format(.nan) == "none")
    }

    @Test func backoffGrowsWithJitterWithinBounds() {
        let backoff = RetryBackoff(baseMilliseconds: 100)
        #expect(backoff.delay(beforeRetry: 0, random: 0) == .milliseconds(50))
        #expect(backoff.delay(beforeRetry: 2, random: 0.5) == .milliseconds(400))
        #expect(backoff.delay(beforeRetry: 30, random: 0.99) == .milliseconds(30_000))
        #expect(RetryBackoff(baseMilliseconds: 0).delay(beforeRetry: 3) == .zero)
    }

    @Test func failureMessagesNameEveryUpstream() {
        let error = UpstreamFailure.gatewayError([
            UpstreamFailure(upstream: "openai", kind: .status(500), attempts: 3),
            UpstreamFailure(upstream: "local", kind: .timeout, attempts: 1),
        ])
        #expect(error.status == 504 && error.code == "upstream_timeout")
        #expect(error.message == "upstream 'openai' answered 500 after 3 attempts; then upstream 'local' timed out after 1 attempt")
        #expect(UpstreamFailure.gatewayError([UpstreamFailure(upstream: "a", kind: .connect("connection refused"), attempts: 2)]).status == 502)
    }
}
