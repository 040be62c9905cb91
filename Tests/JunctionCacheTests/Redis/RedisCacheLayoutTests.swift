import JunctionJSON
import JunctionRedis
import JunctionTestSupport
import Testing
@testable import JunctionCache

/// The commands the Redis cache sends, compared argument for argument with what RedisVL 0.28 sent
/// (`fixtures/redisvl/monitor.txt`, captured with MONITOR), and how it reads entries back.
@Suite struct RedisCacheLayoutTests {
    /// The cache of monitor.txt: `SemanticCache(name='llmcache', ttl=3600, filterable_fields=[user_id tag])`.
    static let layout = RedisCacheLayout(name: "llmcache", dimension: 384, filterableFields: ["user_id"])
    static let heading = "# SemanticCache(name='llmcache'"

    @Test func createsTheIndexExactlyAsRedisVL() throws {
        #expect(RedisVLMonitor.strings(Self.layout.createCommand) == (try RedisVLMonitor.command(after: Self.heading, named: "FT.CREATE")))
    }

    @Test func indexWithoutFilterableFieldsEndsAtTheVector() {
        let command = RedisVLMonitor.strings(RedisCacheLayout(name: "c", dimension: 2, filterableFields: []).createCommand)
        #expect(Array(command.suffix(10)) == ["prompt_vector", "VECTOR", "FLAT", "6", "TYPE", "FLOAT32", "DIM", "2", "DISTANCE_METRIC", "COSINE"])
        #expect(!command.contains("TAG"))
    }

    @Test func storesAnEntryAsRedisVLsHash() throws {
        let id = RedisCacheLayout.entryID(prompt: "What is the capital of France?", filters: ["user_id": "abc"])
        #expect(id == "dcecfacc7c540b9dc17dca1c415ec8076aadf23ebb4e483b00dc3d0de07917bd")
        let command = Self.layout.storeCommand(
            id: id, prompt: "What is the capital of France?", response: "Paris.", vector: [0.25, -1],
            insertedAt: 1795287315.1771243, updatedAt: 1795287315.1771252,
            metadata: ["city": .string("Paris")], filters: ["user_id": "abc"]
        )
        #expect(RedisVLMonitor.strings(command) == (try RedisVLMonitor.command(after: "# cache.store(", named: "HSET")))
        guard case .vector(let vector) = command[9] else {
            Issue.record("prompt_vector is not sent as float32 bytes")
            return
        }
        #expect(vector == [0.25, -1])
    }

    @Test func metadataIsOnlyWrittenWhenGiven() {
        let command = RedisVLMonitor.strings(Self.layout.storeCommand(
            id: "x", prompt: "p", response: "r", vector: [1], insertedAt: 1, updatedAt: 2, metadata: nil, filters: [:]
        ))
        #expect(command == ["HSET", "llmcache:x", "entry_id", "x", "prompt", "p", "response", "r",
                            "prompt_vector", "<float32 vector blob>", "inserted_at", "1.0", "updated_at", "2.0"])
        let nested = RedisCacheLayout.metadataJSON(["z": .array([.number(1), .number(1.5), .null]), "a": .string("caf\u{e9}")])
        #expect(nested == #"{"a": "caf\u00e9", "z": [1, 1.5, null]}"#)
    }

    @Test func setsTheTTLAsRedisVL() throws {
        let key = "llmcache:dcecfacc7c540b9dc17dca1c415ec8076aadf23ebb4e483b00dc3d0de07917bd"
        #expect(RedisVLMonitor.strings(RedisCacheLayout.expireCommand(key: key, seconds: 3600))
            == (try RedisVLMonitor.command(after: "# cache.store(", named: "EXPIRE")))
        #expect(RedisVLMonitor.strings(RedisCacheLayout.expireCommand(key: key, seconds: 3600))
            == (try RedisVLMonitor.command(after: "# cache.check(prompt)", named: "EXPIRE")))
    }

    @Test func searchesWithRedisVLsRangeQuery() throws {
        let plain = Self.layout.searchCommand(vector: [1, 0], threshold: 0.1, filters: [:], numResults: 1)
        #expect(RedisVLMonitor.strings(plain) == (try RedisVLMonitor.command(after: "# cache.check(prompt)", named: "FT.SEARCH")))
        let filtered = Self.layout.searchCommand(vector: [1, 0], threshold: 0.2, filters: ["user_id": "abc"], numResults: 1)
        #expect(RedisVLMonitor.strings(filtered) == (try RedisVLMonitor.command(after: "# cache.check(prompt, filter_expression", named: "FT.SEARCH")))
    }

    @Test func thresholdsAndCountsAreWrittenAsPythonWould() {
        let command = RedisVLMonitor.strings(Self.layout.searchCommand(vector: [1], threshold: 0, filters: [:], numResults: 5))
        #expect(command.suffix(2) == ["distance_threshold", "0.0"])
        #expect(command.contains("5"))
        let two = RedisVLMonitor.strings(Self.layout.searchCommand(vector: [1], threshold: 2, filters: [:], numResults: 1))
        #expect(two.last == "2.0")
    }

    @Test func filtersAreANDedAndEscapedAsRedisVLsTagFilters() {
        // str((Tag('model') == ...) & (Tag('tenant') == ...) & (Tag('x') == ...)) in redisvl 0.28.
        let filters = ["tenant": "a b", "x": "q|r*?\u{e9},.<>{}[]\\\"':;!@#$%^&()-+=~/ \t_z", "model": "gpt-4.1"]
        #expect(RedisCacheLayout.filterExpression(filters)
            == ##"((@model:{gpt\-4\.1} @tenant:{a\ b}) @x:{q\|r\*\?é\,\.\<\>\{\}\[\]\\\"\'\:\;\!\@\#\$\%\^\&\(\)\-\+\=\~\/\ "## + "\t_z})")
        #expect(RedisCacheLayout.filterExpression(["user_id": "abc"]) == "@user_id:{abc}")
        #expect(RedisCacheLayout.filterExpression([:]) == nil)
    }

    @Test func entryIDsAreRedisVLsHashify() {
        // hashify('p', {'tenant': 't1', 'model': 'm'}) in redisvl 0.28: filters sorted by name.
        #expect(RedisCacheLayout.entryID(prompt: "p", filters: ["tenant": "t1", "model": "m"])
            == "530a403c8f60d9a8e3eac3267256d8da467875cb5baccd2d0af332dff48cc419")
        #expect(RedisCacheLayout.entryID(prompt: "p", filters: [:]) == Hashify.sha256Hex("p"))
    }

    @Test func keysAndScanPatternFollowRedisVL() {
        #expect(Self.layout.key(id: "abc") == "llmcache:abc")
        #expect(Self.layout.id(ofKey: "llmcache:abc") == "abc")
        #expect(Self.layout.id(ofKey: "llmcachex:abc") == nil)
        #expect(Self.layout.scanPattern == "llmcache:*")
        #expect(RedisCacheLayout(name: "a*b?[c]\\", dimension: 1, filterableFields: []).scanPattern == #"a\*b\?\[c]\\:*"#)
    }
}
