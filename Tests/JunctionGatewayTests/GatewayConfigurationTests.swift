import Foundation
import JunctionEncoder
import Testing
@testable import JunctionGateway

@Suite struct GatewayConfigurationTests {
    private func error(_ yaml: String) -> String? {
        do {
            _ = try GatewayConfiguration.parse(yaml: yaml)
            return nil
        } catch {
            #expect(error.code == "invalid_config")
            return error.message
        }
    }

    @Test func noConfigIsTheEmbeddedDefault() throws {
        let configuration = try GatewayConfiguration.parse(yaml: "")
        #expect(configuration == GatewayConfiguration())
        #expect(configuration.server.port == 8080)
        #expect(configuration.store.kind == .embedded)
        #expect(configuration.cache.enabled)
        #expect(configuration.cache.configuration.ttl == 86_400)
        #expect(configuration.upstreams.isEmpty)
        #expect(configuration.routerDefinition == ExampleRouter.definition)
    }

    @Test func readsEverySection() throws {
        let yaml = """
        server: {host: 0.0.0.0, port: 9000, max_body_bytes: 2048, shutdown_grace_seconds: 5}
        encoder: {model: /models/minilm, threads: 2}
        store: {type: redis, url: "redis://127.0.0.1:6390", fallback_to_embedded: false}
        upstreams:
          - name: openai
            base_url: https://api.openai.com/v1
            api_key_env: OPENAI_API_KEY
            models: [gpt-4o-mini, gpt-4o]
            model_map: {gpt-4o-mini: gpt-4o-mini-2024-07-18}
            timeout_seconds: 30
            retries: 3
            retry_backoff_ms: 50
            fallbacks: [local]
          - {name: local, base_url: "http://127.0.0.1:11434/v1"}
        routing: {auto_model: router, input: last_turns, turns: 4, default: {action: block, message: no}}
        router:
          name: r
          routes:
            - {name: maths, references: [solve x], metadata: {model: gpt-4o}, distance_threshold: 0.4}
        cache: {enabled: true, name: answers, distance_threshold: 0.05, ttl_seconds: null, max_entries: 10, scope: false, max_temperature: 0.5, cache_tool_calls: true}
        tenants: {api_keys: {sk-a: team-a}}
        """
        let configuration = try GatewayConfiguration.parse(yaml: yaml)
        #expect(configuration.server == ServerSettings(host: "0.0.0.0", port: 9000, maxBodyBytes: 2048, shutdownGraceSeconds: 5))
        #expect(configuration.encoder == EncoderSettings(model: "/models/minilm", threads: 2))
        #expect(configuration.store == StoreSettings(kind: .redis, redisURL: "redis://127.0.0.1:6390", fallbackToEmbedded: false))
        #expect(configuration.upstreams.map(\.name) == ["openai", "local"])
        let openai = configuration.upstreams[0]
        #expect(openai.apiKeyEnvironmentVariable == "OPENAI_API_KEY")
        #expect(openai.apiKey == nil)
        #expect(openai.upstreamModel(for: "gpt-4o-mini") == "gpt-4o-mini-2024-07-18")
        #expect(openai.upstreamModel(for: "gpt-4o") == "gpt-4o")
        #expect(openai.retries == 3 && openai.retryBackoffMilliseconds == 50 && openai.timeoutSeconds == 30)
        #expect(openai.fallbacks == ["local"])
        #expect(configuration.upstreams[1].models == nil && configuration.upstreams[1].serves("anything"))
        #expect(configuration.routing == RoutingSettings(autoModel: "router", input: .lastTurns(4), defaultAction: .block(message: "no", model: nil)))
        #expect(configuration.routerDefinition?.routes.map(\.name) == ["maths"])
        #expect(configuration.cache.configuration.name == "answers")
        #expect(configuration.cache.configuration.ttl == nil)
        #expect(configuration.cache.configuration.maxEntries == 10)
        #expect(!configuration.cache.scoped)
        #expect(configuration.cache.policy.maxTemperature == 0.5 && configuration.cache.policy.cacheToolCalls)
        #expect(configuration.tenantKeys == ["sk-a": "team-a"])
        #expect(configuration.upstreamsConfigured)
    }

    @Test func encoderPrecisionAndWorkers() throws {
        let configuration = try GatewayConfiguration.parse(yaml: "encoder: {precision: int8, workers: 1}")
        #expect(configuration.encoder == EncoderSettings(precision: .int8, workers: 1))
        #expect(configuration.encoder.encoderConfiguration == EncoderConfiguration(threads: 1, precision: .int8, workers: 1))
        #expect(try GatewayConfiguration.parse(yaml: "encoder: {}").encoder.precision == .fp32)
        #expect(error("encoder: {precision: fp16}") == "encoder.precision: must be one of fp32, bf16, int8, got fp16")
        #expect(error("encoder: {workers: 0}") == "encoder.workers: must be between 1 and 64, got 0")
    }

    @Test func unknownKeysAreNamedWithASuggestion() {
        #expect(error("cache: {ttl_secs: 10}") == "cache.ttl_secs: unknown key (did you mean ttl_seconds?)")
        #expect(error("sever: {port: 1}") == "sever: unknown key (did you mean server?)")
        #expect(error("upstreams: [{name: a, base_url: 'http://x', retry: 1}]") == "upstreams[0].retry: unknown key (did you mean retries?)")
        #expect(error("zzzzzzzz: 1") == "zzzzzzzz: unknown key")
    }

    @Test func invalidValuesNameTheKey() {
        #expect(error("server: {port: 70000}") == "server.port: must be between 0 and 65535, got 70000")
        #expect(error("server: {port: eighty}") == "server.port: must be a whole number")
        #expect(error("store: {type: mongo}") == "store.type: must be embedded or redis, got 'mongo'")
        #expect(error("cache: {distance_threshold: 3}") == "cache.distance_threshold: must be between 0.0 and 2.0, got 3.0")
        #expect(error("cache: {enabled: maybe}") == "cache.enabled: must be true or false")
        #expect(error("routing: {input: everything}") == "routing.input: must be last_user_message or last_turns, got 'everything'")
        #expect(error("upstreams: [{name: a}]") == "upstreams[0]: missing key base_url")
        #expect(error("upstreams: [{name: a, base_url: ftp://x}]") == "upstreams[0].base_url: must be an http:// or https:// URL, got 'ftp://x'")
        #expect(error("upstreams: [{name: a, base_url: 'http://x', fallbacks: [b]}]")?.hasPrefix("upstreams[0].fallbacks: 'b' is not another upstream") == true)
        #expect(error("upstreams: [{name: a, base_url: 'http://x'}, {name: a, base_url: 'http://y'}]") == "upstreams[1].name: 'a' is used twice")
        #expect(error("routing: {default: {action: escalate}}") == "routing.default.webhook: missing (action escalate posts the conversation to it)")
        #expect(error("server: [1, 2]") == "server: must be a mapping")
        #expect(error("store: {type: redis}\ncache: {name: same}\nrouter: {name: same, routes: [{name: a, references: [x]}]}")
            == "cache.name: 'same' is also the router's name; on Redis both are index names, so give the cache another name")
        #expect(error("key: [unclosed")?.hasPrefix("not valid YAML") == true)
    }

    @Test func routeMetadataIsChecked() {
        let yaml = """
        router:
          name: r
          routes:
            - {name: a, references: [x], metadata: {action: respond}}
        """
        #expect(error(yaml) == "router.routes[0].metadata.response: missing (action respond answers with it)")
        let unknown = "router: {name: r, routes: [{name: a, references: [x], metadata: {action: shout}}]}"
        #expect(error(unknown) == "router.routes[0].metadata.action: must be forward, block, respond or escalate, got 'shout'")
        let invalid = "router: {name: r, routes: [{name: a, references: [], metadata: {}}]}"
        #expect(error(invalid) == "router: route a: references must not be empty")
    }

    @Test func routerFileIsReadRelativeToTheConfig() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("junction-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "name: filed\nroutes:\n  - {name: a, references: [x], metadata: {action: block}}\nvectorizer: {type: hf, model: m}\nrouting_config: {max_k: 1}\n"
            .write(to: directory.appendingPathComponent("router.yaml"), atomically: true, encoding: .utf8)
        let config = directory.appendingPathComponent("junction.yaml")
        try "router_file: router.yaml\n".write(to: config, atomically: true, encoding: .utf8)
        let configuration = try GatewayConfiguration.load(from: config)
        #expect(configuration.routerDefinition?.name == "filed")
        #expect(try configuration.routeActions() == ["a": .block(message: RouteAction.defaultBlockMessage, model: nil)])

        try "router_file: missing.yaml\n".write(to: config, atomically: true, encoding: .utf8)
        #expect(throws: GatewayError.self) { try GatewayConfiguration.load(from: config) }
        #expect(error("router: null")  == nil)
        #expect(try GatewayConfiguration.parse(yaml: "router: null").routerDefinition == nil)
    }

    @Test func theExampleConfigParses() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/junction.yaml")
        let configuration = try GatewayConfiguration.load(from: url)
        #expect(!configuration.upstreams.isEmpty)
        #expect(configuration.routerDefinition != nil)
    }
}
