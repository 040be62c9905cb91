import JunctionCache
import Testing

@Suite struct CachePolicyTests {
    let policy = CachePolicy()

    @Test func servesOrdinaryRequestsAndThoseWithoutATemperature() {
        #expect(policy.lookupSkipReason(.init()) == nil)
        #expect(policy.lookupSkipReason(.init(temperature: 0.2)) == nil)
        #expect(policy.lookupSkipReason(.init(temperature: 1.0)) == nil)
    }

    @Test func doesNotServeHotSeveralChoiceOrBypassingRequests() {
        #expect(policy.lookupSkipReason(.init(temperature: 1.3)) == "temperature above 1.0")
        #expect(policy.lookupSkipReason(.init(choices: 3)) == "several choices requested")
        #expect(policy.lookupSkipReason(.init(bypass: true)) == "bypass requested")
        #expect(CachePolicy(maxTemperature: 0).lookupSkipReason(.init(temperature: 0.1)) != nil)
    }

    @Test func storesOnlyCompleteSuccessfulPlainAnswers() {
        let request = CachePolicy.Request()
        #expect(policy.storeSkipReason(request, .init(status: 200, finishReasons: ["stop"])) == nil)
        #expect(policy.storeSkipReason(request, .init(status: 500, finishReasons: ["stop"])) == "upstream status 500")
        #expect(policy.storeSkipReason(request, .init(status: 200, finishReasons: ["length"])) == "truncated answer")
        #expect(policy.storeSkipReason(request, .init(status: 200, finishReasons: [nil])) == "incomplete answer")
        #expect(policy.storeSkipReason(request, .init(status: 200, finishReasons: [])) == "no choices")
        #expect(policy.storeSkipReason(request, .init(status: 200, finishReasons: ["content_filter"])) == "finish_reason content_filter")
        #expect(policy.storeSkipReason(.init(noStore: true), .init(status: 200, finishReasons: ["stop"])) == "no-store requested")
        #expect(policy.storeSkipReason(.init(piiFlagged: true), .init(status: 200, finishReasons: ["stop"])) == "personal data in the prompt")
    }

    @Test func toolCallsAreStoredOnlyWhenConfigured() {
        let answer = CachePolicy.Answer(status: 200, finishReasons: ["tool_calls"], hasToolCalls: true)
        #expect(policy.storeSkipReason(.init(), answer) == "tool call")
        #expect(CachePolicy(cacheToolCalls: true).storeSkipReason(.init(), answer) == nil)
    }
}
