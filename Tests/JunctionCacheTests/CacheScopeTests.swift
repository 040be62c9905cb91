import JunctionCache
import JunctionJSON
import Testing

@Suite struct CacheScopeTests {
    @Test func everyFieldIsSetSoALookupNeverSeesAnotherScope() {
        let filters = CacheScope(model: "gpt-4o-mini").filters
        #expect(filters == ["tenant": "default", "model": "gpt-4o-mini", "system_hash": "none", "context_hash": "none"])
    }

    @Test func systemPromptAndEarlierTurnsAreHashedNotStored() {
        let scope = CacheScope(tenant: "acme", model: "m", systemPrompt: "You are terse.", earlierTurns: ["user: hi", "assistant: hello"])
        let filters = scope.filters
        #expect(filters["system_hash"]?.count == 16)
        #expect(filters["context_hash"]?.count == 16)
        #expect(filters["system_hash"] == String(Hashify.sha256Hex("You are terse.").prefix(16)))
        #expect(!filters.values.contains { $0.contains("terse") })
    }

    @Test func differentConversationsGetDifferentScopes() {
        let a = CacheScope(model: "m", earlierTurns: ["user: what is 2+2?"]).filters
        let b = CacheScope(model: "m", earlierTurns: ["user: what is 3+3?"]).filters
        let c = CacheScope(tenant: "other", model: "m", earlierTurns: ["user: what is 2+2?"]).filters
        #expect(a != b)
        #expect(a != c)
    }

    @Test func hashifyMatchesRedisVL() {
        // redisvl.redis.utils.hashify("What is the capital of France?", {"user_id": "abc"}), as in
        // ../shared/fixtures/redisvl/monitor.txt.
        #expect(Hashify.sha256Hex("What is the capital of France?", extras: ["user_id": "abc"])
            == "dcecfacc7c540b9dc17dca1c415ec8076aadf23ebb4e483b00dc3d0de07917bd")
    }

    @Test func normalisationCollapsesWhitespaceAndComposesButKeepsCase() {
        #expect(PromptNormalization.normalize("  What   is\tit?\n") == "What is it?")
        #expect(PromptNormalization.normalize("cafe\u{301}") == "caf\u{e9}")
        #expect(PromptNormalization.normalize("Hello") != PromptNormalization.normalize("hello"))
    }
}
